package dev.quorum.agent;

import dev.quorum.core.Redactor;
import dev.quorum.localization.CodeSearch;
import dev.quorum.model.ToolCall;
import dev.quorum.model.ToolSpec;
import dev.quorum.sandbox.TestRunner;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools a trajectory offers the model, one {@link Tool} each. Reading, searching and editing work on the host
 * worktree; running tests and commands works in the trajectory's sandbox. Every recoverable problem comes back to
 * the model as an error result, redacted like every output.
 */
final class Tools {
    static final Duration SEARCH_TIME = SearchTool.SEARCH_TIME;
    static final List<ToolSpec> SPECS = List.of(ViewTool.SPEC, SearchTool.SPEC, StrReplaceTool.SPEC,
            CreateFileTool.SPEC, RunTestsTool.SPEC, RunCommandTool.SPEC, SubmitTool.SPEC);

    /** What a tool call came to. {@code submitted} ends the trajectory. */
    record Result(String output, boolean error, boolean submitted) {
    }

    private final Map<String, Tool> tools;
    private final Redactor redactor;
    private final int maxOutputChars;

    /**
     * @param index    the run's BM25 index of the base commit, shared by its trajectories
     * @param redactor applied to every output before the model (and the log) sees it
     */
    Tools(Worktree worktree, SandboxSession sandbox, TestRunner tests, AgentRequest request, Redactor redactor,
          CodeSearch index) {
        this.redactor = redactor;
        this.maxOutputChars = request.limits().maxOutputChars();
        this.tools = byName(worktree, sandbox, tests, request, index);
    }

    private static Map<String, Tool> byName(Worktree worktree, SandboxSession sandbox, TestRunner tests,
                                            AgentRequest request, CodeSearch index) {
        WorktreeFiles files = new WorktreeFiles(worktree, sandbox);
        ViewTool view = new ViewTool(files);
        AgentRequest.Limits limits = request.limits();
        List<Tool> all = List.of(view, new SearchTool(worktree, index), new StrReplaceTool(files, view),
                new CreateFileTool(files), new RunTestsTool(worktree, sandbox, tests, request.build(),
                        limits.testTimeout()), new RunCommandTool(sandbox, limits.commandTimeout()), new SubmitTool());
        Map<String, Tool> map = new LinkedHashMap<>();
        all.forEach(t -> map.put(t.spec().name(), t));
        return map;
    }

    /** Runs one call. Problems the model can fix come back as an error result, never as an exception. */
    Result execute(ToolCall call) {
        Tool tool = tools.get(call.name());
        try {
            if (tool == null) {
                throw new ToolError("unknown tool '" + call.name() + "'; the tools are: " + tools.keySet());
            }
            String output = tool.run(ToolArgs.parse(call.argumentsJson()));
            return tool instanceof SubmitTool ? new Result(output, false, true) : ok(output);
        } catch (ToolError e) {
            return error(e.getMessage());
        } catch (UncheckedIOException e) {
            // A file system mistake the model's call ran into (a file vanished, a permission): the model can react.
            return error(e.getMessage() == null ? e.getCause().toString() : e.getMessage() + " (" + e.getCause() + ")");
        }
    }

    private Result ok(String output) {
        return new Result(truncate(redactor.redact(output), maxOutputChars), false, false);
    }

    private Result error(String message) {
        return new Result(truncate("ERROR: " + redactor.redact(message), maxOutputChars), true, false);
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int head = max * 2 / 3;
        int tail = max - head;
        return text.substring(0, head) + "\n[... output truncated: " + (text.length() - max)
                + " characters left out; narrow the request to see them ...]\n" + text.substring(text.length() - tail);
    }
}

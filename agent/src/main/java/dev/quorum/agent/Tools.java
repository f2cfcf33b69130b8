package dev.quorum.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.core.BuildHints;
import dev.quorum.core.Json;
import dev.quorum.core.RepoRef;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.localization.Localization;
import dev.quorum.localization.LocalizationRequest;
import dev.quorum.localization.Localizer;
import dev.quorum.model.ToolCall;
import dev.quorum.model.ToolSpec;
import dev.quorum.sandbox.Command;
import dev.quorum.sandbox.ExecResult;
import dev.quorum.sandbox.ReportedTest;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The tools a trajectory offers the model. Reading, searching and editing work on the host worktree; running
 * tests and commands works in the trajectory's sandbox. Every recoverable problem is a {@link ToolError}.
 */
final class Tools {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_HITS = 60;

    /** What a tool call came to. {@code submitted} ends the trajectory. */
    record Result(String output, boolean error, boolean submitted) {
    }

    static final List<ToolSpec> SPECS = List.of(
            ToolSpec.of("view", "Show a file with line numbers (optionally a line range), or list a directory.", """
                    {"type":"object","properties":{"path":{"type":"string","description":"relative to the repository root"},
                     "start_line":{"type":"integer"},"end_line":{"type":"integer"}},"required":["path"]}"""),
            ToolSpec.of("search", "Search the repository. mode=text: regular expression over file contents;"
                    + " mode=symbol: where a class, interface, enum, record or method of that name is declared;"
                    + " mode=bm25: files and methods ranked for a free-text query.", """
                    {"type":"object","properties":{"query":{"type":"string"},"mode":{"type":"string","enum":["text","symbol","bm25"]},
                     "path":{"type":"string","description":"only under this directory (text and symbol modes)"}},"required":["query"]}"""),
            ToolSpec.of("str_replace", "Replace exactly one occurrence of old_str in a file with new_str. old_str must"
                    + " match the file exactly (whitespace included) and occur once; add context lines to make it unique.", """
                    {"type":"object","properties":{"path":{"type":"string"},"old_str":{"type":"string"},"new_str":{"type":"string"}},
                     "required":["path","old_str","new_str"]}"""),
            ToolSpec.of("create_file", "Create a file (e.g. a new test class). Fails if it exists unless overwrite is true.", """
                    {"type":"object","properties":{"path":{"type":"string"},"content":{"type":"string"},"overwrite":{"type":"boolean"}},
                     "required":["path","content"]}"""),
            ToolSpec.of("run_tests", "Run tests in the sandbox: test ids like com.acme.FooTest or com.acme.FooTest#bar,"
                    + " or the path of a test file you wrote.", """
                    {"type":"object","properties":{"tests":{"type":"array","items":{"type":"string"}},"file":{"type":"string"}}}"""),
            ToolSpec.of("run_command", "Run a bash command in the sandbox (repository root, no network, time-limited)."
                    + " Use it to inspect and run code; file edits made by commands are NOT part of your patch:"
                    + " edit with str_replace and create_file.", """
                    {"type":"object","properties":{"command":{"type":"string"}},"required":["command"]}"""),
            ToolSpec.of("submit", "Finish: your edits so far are the patch. Call it once the fix is done.", """
                    {"type":"object","properties":{"summary":{"type":"string","description":"one or two sentences on the fix"}}}"""));

    private final Worktree worktree;
    private final SandboxSession sandbox;
    private final TestRunner tests;
    private final BuildHints build;
    private final AgentRequest.Limits limits;
    private final Path repo;
    private final String baseCommit;

    Tools(Worktree worktree, SandboxSession sandbox, TestRunner tests, AgentRequest request) {
        this.worktree = worktree;
        this.sandbox = sandbox;
        this.tests = tests;
        this.build = request.build();
        this.limits = request.limits();
        this.repo = request.repo();
        this.baseCommit = request.baseCommit();
    }

    /** Runs one call. Problems the model can fix come back as an error result, never as an exception. */
    Result execute(ToolCall call) {
        try {
            JsonNode args = parse(call.argumentsJson());
            return switch (call.name()) {
                case "view" -> ok(view(text(args, "path"), args.path("start_line").asInt(0), args.path("end_line").asInt(0)));
                case "search" -> ok(search(text(args, "query"), args.path("mode").asText("text"), args.path("path").asText("")));
                case "str_replace" -> ok(strReplace(text(args, "path"), text(args, "old_str"), rawText(args, "new_str")));
                case "create_file" -> ok(create(text(args, "path"), rawText(args, "content"), args.path("overwrite").asBoolean(false)));
                case "run_tests" -> ok(runTests(args));
                case "run_command" -> ok(runCommand(text(args, "command")));
                case "submit" -> new Result(args.path("summary").asText("(no summary)"), false, true);
                default -> throw new ToolError("unknown tool '" + call.name() + "'; the tools are: "
                        + SPECS.stream().map(ToolSpec::name).toList());
            };
        } catch (ToolError e) {
            return new Result("ERROR: " + e.getMessage(), true, false);
        }
    }

    private Result ok(String output) {
        return new Result(truncate(output, limits.maxOutputChars()), false, false);
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

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new ToolError("arguments must be a JSON object, got: " + truncate(json, 200));
            }
            return node;
        } catch (IOException e) {
            throw new ToolError("arguments are not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static String text(JsonNode args, String field) {
        String value = rawText(args, field);
        if (value.isBlank()) {
            throw new ToolError("argument '" + field + "' must not be empty");
        }
        return value;
    }

    private static String rawText(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            throw new ToolError("missing argument '" + field + "'");
        }
        if (!v.isTextual()) {
            throw new ToolError("argument '" + field + "' must be a string");
        }
        return v.asText();
    }

    private String view(String path, int start, int end) {
        Path file = worktree.resolve(path);
        if (Files.isDirectory(file)) {
            try (Stream<Path> list = Files.list(file)) {
                List<String> names = list.map(p -> worktree.relative(p) + (Files.isDirectory(p) ? "/" : ""))
                        .sorted().limit(300).toList();
                return String.join("\n", names);
            } catch (IOException e) {
                throw new ToolError("cannot list " + path + ": " + e.getMessage());
            }
        }
        List<String> lines = readLines(file, path);
        int from = Math.max(1, start);
        int to = end <= 0 ? lines.size() : Math.min(end, lines.size());
        if (from > lines.size()) {
            throw new ToolError(path + " has " + lines.size() + " lines; start_line " + start + " is past its end");
        }
        StringBuilder out = new StringBuilder();
        for (int i = from; i <= to; i++) {
            out.append(String.format("%5d  %s%n", i, lines.get(i - 1)));
        }
        return out.toString();
    }

    private List<String> readLines(Path file, String path) {
        if (!Files.isRegularFile(file)) {
            throw new ToolError("no file " + path + " (paths are relative to the repository root)");
        }
        try {
            return List.of(Files.readString(file, StandardCharsets.UTF_8).split("\r?\n", -1));
        } catch (IOException e) {
            throw new ToolError("cannot read " + path + " as UTF-8 text: " + e.getMessage());
        }
    }

    private String search(String query, String mode, String under) {
        return switch (mode) {
            case "text" -> grep(compile(query), under.isBlank() ? worktree.dir() : worktree.resolve(under));
            case "symbol" -> grep(compile("\\b(class|interface|enum|record|@interface)\\s+" + Pattern.quote(query)
                    + "\\b|\\b" + Pattern.quote(query) + "\\s*\\([^;]*\\)\\s*(throws [\\w., ]+)?\\{"),
                    under.isBlank() ? worktree.dir() : worktree.resolve(under));
            case "bm25" -> bm25(query);
            default -> throw new ToolError("mode must be text, symbol or bm25, was '" + mode + "'");
        };
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(regex)); // the model meant the literal text
        }
    }

    private String grep(Pattern pattern, Path root) {
        List<String> hits = new ArrayList<>();
        int[] total = {0};
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = worktree.relative(file);
                if (rel.contains("/target/") || rel.startsWith("target/") || Files.size(file) > 1 << 20) {
                    continue;
                }
                String content;
                try {
                    content = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException notText) {
                    continue;
                }
                String[] lines = content.split("\r?\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (pattern.matcher(lines[i]).find()) {
                        total[0]++;
                        if (hits.size() < MAX_HITS) {
                            hits.add(rel + ":" + (i + 1) + ": " + lines[i].strip());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (hits.isEmpty()) {
            return "no matches";
        }
        String more = total[0] > hits.size() ? "\n[" + (total[0] - hits.size()) + " more matches not shown]" : "";
        return String.join("\n", hits) + more;
    }

    private String bm25(String query) {
        Localization found = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(repo.toString()), baseCommit, query)
                .withOptions(LocalizationRequest.Options.defaults().withContextTokens(0)));
        StringBuilder out = new StringBuilder("files:\n");
        found.files().forEach(f -> out.append("  ").append(f.path()).append(f.test() ? " (test)" : "").append('\n'));
        out.append("methods:\n");
        found.methods().stream().limit(10).forEach(m -> out.append("  ").append(m.path()).append(':')
                .append(m.startLine()).append('-').append(m.endLine()).append("  ").append(m.member()).append('\n'));
        return out.toString();
    }

    private String strReplace(String path, String oldStr, String newStr) {
        Path file = worktree.resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new ToolError("no file " + path + "; use create_file for new files");
        }
        if (oldStr.isEmpty()) {
            throw new ToolError("old_str must not be empty");
        }
        String content = readString(file);
        // Files with CRLF line endings keep them: the model writes LF, so match and replace in the file's style.
        if (content.contains("\r\n") && !oldStr.contains("\r\n")) {
            oldStr = oldStr.replace("\n", "\r\n");
            newStr = newStr.replace("\r\n", "\n").replace("\n", "\r\n");
        }
        int first = content.indexOf(oldStr);
        if (first < 0) {
            throw new ToolError("old_str was not found in " + path + "; view the file and copy the text exactly,"
                    + " whitespace and indentation included");
        }
        int count = 0;
        for (int at = first; at >= 0; at = content.indexOf(oldStr, at + 1)) {
            count++;
        }
        if (count > 1) {
            throw new ToolError("old_str occurs " + count + " times in " + path + "; add surrounding lines so that it"
                    + " occurs exactly once");
        }
        String updated = content.substring(0, first) + newStr + content.substring(first + oldStr.length());
        write(file, updated);
        int line = (int) content.substring(0, first).chars().filter(c -> c == '\n').count() + 1;
        int shown = (int) newStr.chars().filter(c -> c == '\n').count() + 1;
        return "edited " + path + "; lines " + Math.max(1, line - 2) + "-" + (line + shown + 1) + " now read:\n"
                + view(path, line - 2, line + shown + 1);
    }

    private String create(String path, String content, boolean overwrite) {
        Path file = worktree.resolve(path);
        if (Files.exists(file) && !overwrite) {
            throw new ToolError(path + " exists; edit it with str_replace, or pass overwrite=true to replace it");
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(file, content);
        return "created " + path + " (" + content.lines().count() + " lines)";
    }

    private String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolError("cannot read " + worktree.relative(file) + " as UTF-8 text");
        }
    }

    private void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        sandbox.changed(worktree.relative(file));
    }

    private String runTests(JsonNode args) {
        List<TestId> ids = new ArrayList<>();
        args.path("tests").forEach(t -> ids.add(testId(t.asText())));
        String file = args.path("file").asText("");
        if (!file.isBlank()) {
            ids.add(TestId.ofClass(classOfTestFile(file)));
        }
        if (ids.isEmpty()) {
            throw new ToolError("give 'tests' (ids like com.acme.FooTest#bar) or 'file' (a test file path)");
        }
        TestRunResult result = tests.run(sandbox.ready(), "", ids, build, limits.testTimeout());
        return switch (result) {
            case TestRunResult.Ran ran -> describe(ran);
            case TestRunResult.BuildFailed failed -> (failed.compilation() ? "COMPILATION FAILED" : "BUILD FAILED")
                    + ":\n" + String.join("\n", failed.errors());
            case TestRunResult.TimedOut t -> throw new ToolError("the test run timed out after " + t.limit()
                    .toSeconds() + " s and was killed; run fewer tests (a fresh sandbox is started next time)");
            case TestRunResult.Invalid invalid -> "TEST RUN NOT USABLE: " + invalid.reason();
        };
    }

    private static TestId testId(String text) {
        try {
            return TestId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ToolError("not a test id: '" + text + "' (use com.acme.FooTest or com.acme.FooTest#method)");
        }
    }

    private String classOfTestFile(String path) {
        String rel = worktree.relative(worktree.resolve(path));
        int root = rel.indexOf("src/test/java/");
        if (root < 0 || !rel.endsWith(".java")) {
            throw new ToolError(path + " is not a Java file under src/test/java/");
        }
        return rel.substring(root + "src/test/java/".length(), rel.length() - ".java".length()).replace('/', '.');
    }

    private static String describe(TestRunResult.Ran ran) {
        StringBuilder out = new StringBuilder();
        long passed = ran.requested().values().stream().filter(s -> s == TestStatus.PASSED).count();
        out.append(passed).append(" of ").append(ran.requested().size()).append(" requested tests passed\n");
        for (Map.Entry<TestId, TestStatus> e : ran.requested().entrySet()) {
            out.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        for (ReportedTest t : ran.reported()) {
            if (t.status() == TestStatus.FAILED || t.status() == TestStatus.ERROR) {
                out.append("  ").append(t.status()).append(' ').append(t.id()).append(": ").append(t.message()).append('\n');
            }
        }
        return out.toString();
    }

    private String runCommand(String command) {
        Duration timeout = limits.commandTimeout();
        ExecResult result = sandbox.ready().run(Command.shell(timeout, command));
        return switch (result) {
            case ExecResult.Exited exited -> "exit code " + exited.exitCode() + "\n" + exited.output().textWithNote();
            case ExecResult.TimedOut t -> throw new ToolError("the command timed out after " + timeout.toSeconds()
                    + " s and was killed (a fresh sandbox is started next time). Output so far:\n" + t.output().textWithNote());
        };
    }
}

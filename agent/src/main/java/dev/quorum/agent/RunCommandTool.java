package dev.quorum.agent;

import dev.quorum.model.ToolSpec;
import dev.quorum.sandbox.Command;
import dev.quorum.sandbox.ExecResult;
import java.time.Duration;

/** {@code run_command}: a bash command in the sandbox, with a time limit. */
record RunCommandTool(SandboxSession sandbox, Duration timeout) implements Tool {
    static final ToolSpec SPEC = ToolSpec.of("run_command", "Run a bash command in the sandbox (repository"
            + " root, no network, time-limited). Use it to inspect and run code; file edits made by commands are NOT"
            + " part of your patch: edit with str_replace and create_file.", """
            {"type":"object","properties":{"command":{"type":"string"}},"required":["command"]}""");

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String run(ToolArgs args) {
        return switch (sandbox.ready().run(Command.shell(timeout, args.text("command")))) {
            case ExecResult.Exited exited -> "exit code " + exited.exitCode() + "\n" + exited.output().textWithNote();
            case ExecResult.TimedOut t -> throw new ToolError("the command timed out after " + timeout.toSeconds()
                    + " s and was killed (a fresh sandbox is started next time). Output so far:\n"
                    + t.output().textWithNote());
        };
    }
}

package dev.quorum.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure inside a command into one clear line on stderr and exit code 1, instead of a stack trace.
 * {@code QUORUM_DEBUG=1} shows the trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cmd.getErr().println("quorum " + cmd.getCommandName() + ": " + message);
        if ("1".equals(System.getenv("QUORUM_DEBUG"))) {
            e.printStackTrace(cmd.getErr());
        }
        return 1;
    }
}

package dev.quorum.app;

import dev.quorum.core.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure inside a command into one clear line on stderr and exit code 1, instead of a stack trace.
 * {@code QUORUM_DEBUG=1} shows the trace. Both go through the redactor: an exception's message may quote a URL
 * with a token or a value read from the environment.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    private final Redactor redactor;
    private final boolean debug;

    ErrorReporter(Redactor redactor, boolean debug) {
        this.redactor = redactor;
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cmd.getErr().println("quorum " + cmd.getCommandName() + ": " + redactor.redact(message));
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            cmd.getErr().print(redactor.redact(trace.toString()));
        }
        return 1;
    }
}

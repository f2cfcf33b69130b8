package dev.quorum.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code quorum} command line in-process, as {@code bin/quorum} would, and keeps what it printed. */
record Cli(int exit, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QuorumCommand()).setExecutionExceptionHandler(
                new ErrorReporter(dev.quorum.core.Redactor.patternsOnly(), false));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }
}

package dev.quorum.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: lists the subcommands and says how to get help. */
@Command(name = "quorum", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Resolves issues in Java repositories by scaling test-time compute: many candidate patches,"
                + " executed in Docker sandboxes, one chosen by tests and a judge (or an honest abstention).",
        subcommands = {SolveCommand.class, InferCommand.class, EvalCommand.class, SelectCommand.class, LocalizeCommand.class,
                TasksCommand.class, ServeCommand.class, DoctorCommand.class})
public final class QuorumCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try `quorum --help` for the list.");
    }
}

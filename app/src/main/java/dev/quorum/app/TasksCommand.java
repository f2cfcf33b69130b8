package dev.quorum.app;

import dev.quorum.core.Task;
import dev.quorum.harness.Evaluator;
import dev.quorum.harness.ValidationReport;
import dev.quorum.harness.ValidationRequest;
import dev.quorum.sandbox.SandboxException;
import dev.quorum.tasks.FixtureTasks;
import dev.quorum.tasks.LoadResult;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quorum tasks}: import, validate and materialize task files. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "Work with task files: import other formats, validate tasks, write the bundled fixtures.",
        subcommands = {TasksCommand.Import.class, TasksCommand.Validate.class, TasksCommand.Fixtures.class})
public final class TasksCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: import, validate or fixtures");
    }

    /** {@code quorum tasks import --from multi-swe-bench IN --out OUT}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Convert Multi-SWE-bench Java records into a Quorum task file. Bad lines are reported "
                    + "and skipped (exit code 1); the good ones are still written.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "FORMAT", description = "Input format: multi-swe-bench.")
        String from;

        @Parameters(index = "0", paramLabel = "IN", description = "Input file (JSONL).")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "OUT", description = "Task file to write (JSONL).")
        Path out;

        @Override
        public Integer call() {
            if (!from.equals("multi-swe-bench")) {
                throw new ParameterException(spec.commandLine(), "unknown format '" + from
                        + "'; supported: multi-swe-bench");
            }
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            LoadResult<Task> loaded;
            try {
                loaded = TaskFiles.importMultiSweBench(in);
                TaskFiles.writeTasks(out, loaded.items());
            } catch (UncheckedIOException e) {
                stderr.println("quorum tasks import: " + e.getMessage());
                stderr.flush();
                return 1;
            }
            loaded.errors().forEach(e -> stderr.println("skipped " + e));
            stdout.printf("%d task(s) written to %s; %d line(s) skipped%n", loaded.items().size(), out,
                    loaded.errors().size());
            stdout.flush();
            stderr.flush();
            return loaded.hasErrors() ? 1 : 0;
        }
    }

    /** {@code quorum tasks validate F [--runs 3]}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check each task in a sandbox: FAIL_TO_PASS fail without the fix and pass with it, "
                    + "PASS_TO_PASS pass in both, the same in every run (tests that flip are flaky). Exit code 0 "
                    + "when every task is valid, 1 otherwise.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Task file (JSONL).")
        Path tasks;

        @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
                description = "Test runs per condition (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--instance", paramLabel = "ID", description = "Only this instance (repeatable).")
        List<String> instances;

        @Option(names = "--workers", defaultValue = "0", paramLabel = "N", description = "Tasks at once.")
        int workers;

        @Option(names = "--logs-dir", defaultValue = "runs/validate", paramLabel = "DIR",
                description = "Per-instance logs (default: ${DEFAULT-VALUE}).")
        Path logsDir;

        @Override
        public Integer call() {
            ValidationRequest request;
            try {
                request = ValidationRequest.of(tasks, runs).withInstances(instances == null ? List.of() : instances)
                        .withWorkers(workers).withLogsDir(logsDir);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            ValidationReport report;
            try (Evaluator evaluator = Evaluator.docker()) {
                report = evaluator.validate(request);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            } catch (SandboxException | UncheckedIOException e) {
                spec.commandLine().getErr().println("quorum tasks validate: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
            spec.commandLine().getOut().print(report.summary());
            spec.commandLine().getOut().flush();
            return report.allValid() ? 0 : 1;
        }
    }

    /** {@code quorum tasks fixtures --out DIR}. */
    @Command(name = "fixtures", mixinStandardHelpOptions = true,
            description = "Write the bundled fixture tasks: one git repository per fixture and DIR/tasks.jsonl.")
    static final class Fixtures implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
        Path out;

        @Override
        public Integer call() {
            List<Task> tasks;
            try {
                tasks = FixtureTasks.materialize(out);
            } catch (IOException | UncheckedIOException e) {
                spec.commandLine().getErr().println("quorum tasks fixtures: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
            PrintWriter stdout = spec.commandLine().getOut();
            tasks.forEach(t -> stdout.printf("%s  %s%n", t.instanceId(), t.repo()));
            stdout.printf("%d fixture task(s) in %s%n", tasks.size(), out.resolve("tasks.jsonl"));
            stdout.flush();
            return 0;
        }
    }
}

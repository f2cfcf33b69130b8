package dev.quorum.app;

import dev.quorum.harness.EvalListener;
import dev.quorum.harness.EvalReport;
import dev.quorum.harness.EvalRequest;
import dev.quorum.harness.Evaluator;
import dev.quorum.harness.report.EvalHtml;
import dev.quorum.harness.report.Markers;
import dev.quorum.harness.report.SolveRun;
import dev.quorum.tasks.TaskFiles;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxException;
import dev.quorum.sandbox.TestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quorum eval}: grade predictions (or the gold/empty controls) against tasks, SWE-bench style. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Grade predictions against tasks: apply each patch and the test patch in a sandbox, run "
                + "FAIL_TO_PASS and PASS_TO_PASS, and report RESOLVED_FULL / RESOLVED_PARTIAL / RESOLVED_NO or an "
                + "error class. Re-running a run id resumes it. Exit code 0 when every instance was graded, 1 when "
                + "some could not be (ENV_FAILED, INFRA_FAILED, unreadable input lines), 2 for bad usage. Writes report.json, report.md"
                + " and report.html into runs/<ID>; `eval curves` and `eval compare` read what runs left.",
        subcommands = {EvalCurvesCommand.class, EvalCompareCommand.class})
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // Not `required`: picocli would then demand them for `eval curves` and `eval compare` too.
    @Option(names = "--tasks", paramLabel = "FILE", description = "Task file (JSONL). Required.")
    Path tasks;

    @Option(names = "--predictions", paramLabel = "FILE",
            description = "Predictions (JSONL, SWE-bench or Multi-SWE-bench form). Not with --gold or --empty.")
    Path predictions;

    @ArgGroup(exclusive = true)
    Control control;

    static final class Control {
        @Option(names = "--gold", description = "Grade each task's reference fix (a control: should resolve all).")
        boolean gold;

        @Option(names = "--empty", description = "Grade an empty patch (a control: should resolve none).")
        boolean empty;
    }

    @Option(names = "--run-id", paramLabel = "ID", description = "Names runs/<ID>; reuse it to resume. Required.")
    String runId;

    @Option(names = {"--workers", "--parallel"}, defaultValue = "0", paramLabel = "N",
            description = "Instances at once (default: min(cores, free memory / 3 GiB), at least 1).")
    int workers;

    @Option(names = "--instance", paramLabel = "ID", description = "Only this instance (repeatable).")
    List<String> instances;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR",
            description = "Where run directories go (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Repository mirrors (default: .quorum-cache/repos next to the runs directory).")
    Path cacheDir;

    @Option(names = "--timeout-minutes", defaultValue = "30", paramLabel = "N",
            description = "Wall-clock limit of one instance's test run (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--markers", paramLabel = "FILE",
            description = "The task set's markers (gold-unresolvable instances, duplicates) for honest denominators;"
                    + " --gold writes them. Default: <tasks>.markers.json beside the task file.")
    Path markers;

    @Option(names = "--infer-prefix", paramLabel = "P",
            description = "Run prefix of the `quorum infer` run that made the predictions: cost and tokens per"
                    + " instance come from <runs-dir>/P-<instance>/report.json.")
    String inferPrefix;

    @Option(names = "--strict", description = "Also reset build files a patch changed (pom.xml, .mvn/**, mvnw*) to the"
            + " base commit before the tests run. Test files are always reset; build changes are always flagged.")
    boolean strict;

    @Option(names = "--force", description = "Grade into a run id whose earlier attempts had other inputs (tasks,"
            + " predictions, --gold/--empty, --strict); its earlier results are kept.")
    boolean force;

    @Option(names = "--runner", defaultValue = "maven", paramLabel = "maven|direct",
            description = "Who runs the tests: maven (default, SWE-bench semantics) or direct (JUnit Platform on the"
                    + " compiled-state layer; Maven wherever it cannot reproduce the build). Results name the runner.")
    String runner;

    @Mixin
    SandboxBackendOptions sandboxes;

    private Evaluator evaluator() {
        TestRunner.named(runner);
        SandboxBackendOptions.Opened backend = sandboxes.open(System.getenv());
        return Evaluator.on(Environments.fromEnvironment(backend.buildEngine()), backend.sandboxes(), runner,
                backend::close);
    }

    @Override
    public Integer call() {
        if (tasks == null || runId == null) {
            throw new ParameterException(spec.commandLine(), "give --tasks FILE and --run-id ID (or a subcommand:"
                    + " curves, compare)");
        }
        boolean gold = control != null && control.gold;
        boolean empty = control != null && control.empty;
        if ((gold || empty) && predictions != null) {
            throw new ParameterException(spec.commandLine(), "--predictions cannot go with --gold or --empty");
        }
        if (!gold && !empty && predictions == null) {
            throw new ParameterException(spec.commandLine(), "give --predictions FILE, or --gold / --empty");
        }
        if (timeoutMinutes < 1 || workers < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout-minutes must be >= 1 and --workers >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EvalRequest request;
        try {
            request = (gold ? EvalRequest.gold(tasks, runId)
                    : empty ? EvalRequest.empty(tasks, runId)
                    : EvalRequest.predictions(tasks, predictions, runId))
                    .withRunsDir(runsDir).withCacheDir(cacheDir).withWorkers(workers)
                    .withInstances(instances == null ? List.of() : instances)
                    .withTestTimeout(Duration.ofMinutes(timeoutMinutes)).withStrict(strict).withForce(force);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        // Read before grading, so that a bad markers file or prefix is said at once, not after hours of grading.
        Path markersFile = markers != null ? markers : Markers.besides(tasks);
        Markers marks;
        Map<String, SolveRun> solveRuns;
        try {
            marks = Markers.read(markersFile);
            solveRuns = inferPrefix == null ? Map.of() : SolveRun.readAll(runsDir, inferPrefix);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        EvalReport report;
        try (Evaluator evaluator = evaluator()) {
            report = evaluator.evaluate(request, EvalListener.forConsole(err));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (SandboxException e) {
            err.println("quorum eval: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (gold) {
            marks = marks.withGoldRun(report);
            marks.write(markersFile);
            out.printf("Markers: %s (%d instance(s) whose gold patch does not resolve here)%n", markersFile,
                    marks.goldUnresolved().size());
        }
        Path html = EvalHtml.write(report, TaskFiles.readTasks(tasks).items(), solveRuns, marks);
        out.print(report.summary());
        if (!marks.goldUnresolved().isEmpty() || !marks.duplicates().isEmpty()) {
            List<String> all = new java.util.ArrayList<>(report.withoutPrediction());
            report.instances().forEach(r -> all.add(r.instanceId()));
            out.printf("%nResolved %s%n", marks.rates(all, report.instances().stream()
                    .filter(r -> r.outcome().resolved()).map(r -> r.instanceId()).toList()).describe());
        }
        out.printf("%nReport: %s%nHTML: %s%n", report.reportFile(), html);
        out.flush();
        return report.allGraded() ? 0 : 1;
    }
}

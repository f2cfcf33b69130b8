package dev.quorum.app;

import dev.quorum.harness.EvalListener;
import dev.quorum.harness.Evaluator;
import dev.quorum.harness.report.CandidateGrades;
import dev.quorum.harness.report.CurvesReport;
import dev.quorum.harness.report.Markers;
import dev.quorum.harness.report.ScalingCurves;
import dev.quorum.harness.report.SolveRun;
import dev.quorum.sandbox.SandboxException;
import dev.quorum.tasks.TaskFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quorum eval curves PREFIX}: scaling curves from the candidates a {@code quorum infer} run recorded. */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = "Scaling curves of a `quorum infer` run (run ids PREFIX-<instance>): coverage@k, selected@k,"
                + " random@k, majority@k and cost, with intervals over orderings of the samples. Needs every sample"
                + " graded: --grade-candidates N grades up to N more candidate patches (Docker; resumable); instances"
                + " with ungraded samples are left out and listed. Writes curves.json, curves.svg, cost.svg and"
                + " curves.html into <runs-dir>/curves-PREFIX.")
final class EvalCurvesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PREFIX", description = "The infer run's --run-prefix.")
    String prefix;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR",
            description = "Where the infer run directories are (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--tasks", paramLabel = "FILE", description = "The infer run's task file (needed to grade).")
    Path tasks;

    @Option(names = "--grade-candidates", defaultValue = "0", paramLabel = "N",
            description = "Grade at most N candidate patches not graded yet (one per group of equal patches;"
                    + " default: ${DEFAULT-VALUE}, use the grades already there).")
    int gradeCandidates;

    @Option(names = "--orderings", defaultValue = "1000", paramLabel = "N",
            description = "Random orderings of the samples for the intervals (default: ${DEFAULT-VALUE}).")
    int orderings;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed of the orderings (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--markers", paramLabel = "FILE",
            description = "Task-set markers for gold-ceiling-adjusted curves (default: <tasks>.markers.json when"
                    + " --tasks is given).")
    Path markers;

    @Override
    public Integer call() {
        if (gradeCandidates < 0 || orderings < 1) {
            throw new ParameterException(spec.commandLine(), "--grade-candidates must be >= 0 and --orderings >= 1");
        }
        if (gradeCandidates > 0 && tasks == null) {
            throw new ParameterException(spec.commandLine(), "--grade-candidates needs --tasks FILE (the infer run's"
                    + " task file: its tests grade the candidates)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, SolveRun> runs;
        try {
            runs = SolveRun.readAll(runsDir, prefix);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (runs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no run directories " + runsDir.resolve(prefix + "-*")
                    + " with a report.json; give the --run-prefix of a finished quorum infer run");
        }
        Path dir = runsDir.resolve("curves-" + prefix);
        if (gradeCandidates > 0) {
            try (Evaluator evaluator = Evaluator.docker()) {
                CandidateGrades.Grading g = CandidateGrades.grade(evaluator, runs, TaskFiles.readTasks(tasks).items(),
                        dir, gradeCandidates, EvalListener.forConsole(err));
                out.printf("Graded %d candidate patch(es) now, %d earlier; %d left for a larger --grade-candidates%n",
                        g.gradedNow(), g.alreadyGraded(), g.overBudget());
            } catch (SandboxException e) {
                err.println("quorum eval curves: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        Markers marks = markers != null ? Markers.read(markers)
                : tasks != null ? Markers.read(Markers.besides(tasks)) : Markers.none();
        var grades = CandidateGrades.read(dir);
        CandidateGrades.Assembly all = CandidateGrades.assemble(runs, grades, marks, false);
        if (all.instances().isEmpty()) {
            err.println("quorum eval curves: no instance of " + prefix + " has all its samples graded ("
                    + all.excluded().size() + " left out); grade them with --tasks FILE --grade-candidates N");
            err.flush();
            return 1;
        }
        ScalingCurves.Curves raw = ScalingCurves.compute(all.instances(), orderings, seed);
        CandidateGrades.Assembly eligible = CandidateGrades.assemble(runs, grades, marks, true);
        ScalingCurves.Curves adjusted = eligible.instances().size() == all.instances().size()
                || eligible.instances().isEmpty() ? null : ScalingCurves.compute(eligible.instances(), orderings, seed);
        Path json = CurvesReport.write(dir, new CurvesReport.Inputs(prefix, raw, adjusted, all.excluded(), marks));
        ScalingCurves.Point last = raw.points().getLast();
        out.printf(Locale.ROOT, "%d instance(s), up to %d samples: selected@%d %.3f, coverage@%d %.3f, $%.4f per"
                        + " instance; %d left out%n", raw.instances(), raw.maxSamples(), last.k(), last.selected().mean(),
                last.k(), last.coverage().mean(), last.usd().mean(), all.excluded().size());
        out.printf("Curves: %s%nChart: %s%n", json, dir.resolve("curves.html"));
        out.flush();
        return 0;
    }
}

package dev.quorum.harness.report;

import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.harness.EvalListener;
import dev.quorum.harness.EvalReport;
import dev.quorum.harness.EvalRequest;
import dev.quorum.harness.Evaluator;
import dev.quorum.harness.InstanceResult;
import dev.quorum.harness.Outcome;
import dev.quorum.tasks.Prediction;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The grades of every sample of a {@code quorum infer} run, for scaling curves. Candidates are graded by the
 * evaluation harness as ordinary predictions of derived instances {@code <instance>@t<n>} (the instance's task
 * under another id), one per selection group: members of a group have the same normalized patch, so the group's
 * first member is graded for all of them. Empty patches are not graded: they change nothing and resolve nothing.
 * The grading is an ordinary eval run under {@code <dir>/candidates}, so it resumes like one.
 */
public final class CandidateGrades {
    /** The eval run id of the candidates' grading inside the curves directory. */
    public static final String RUN_ID = "candidates";

    private CandidateGrades() {
    }

    static String gradedId(String instanceId, int trajectory) {
        return instanceId + "@t" + trajectory;
    }

    /** Instances ready for curves, and the ones left out with the reason. */
    public record Assembly(List<ScalingCurves.Instance> instances, Map<String, String> excluded) {
        public Assembly {
            instances = List.copyOf(instances);
            excluded = Map.copyOf(excluded);
        }
    }

    /** What grading did: patches graded now, already graded, and left ungraded because of the budget. */
    public record Grading(int gradedNow, int alreadyGraded, int overBudget, Path runDir) {
    }

    /** The outcomes in the grading run's {@code results.jsonl} (latest line per id), or none when it has not run. */
    public static Map<String, Outcome> read(Path curvesDir) {
        Path results = curvesDir.resolve(RUN_ID).resolve("results.jsonl");
        Map<String, Outcome> grades = new TreeMap<>();
        if (!Files.exists(results)) {
            return grades;
        }
        try {
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    InstanceResult r = Json.mapper().readValue(line, InstanceResult.class);
                    grades.put(r.instanceId(), r.outcome());
                } catch (IOException torn) {
                    // a torn last line is an instance still to grade
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + results + ": " + e.getMessage(), e);
        }
        return grades;
    }

    /**
     * Grades the samples not graded yet, at most {@code maxPatches} patches this time, instance by instance (so that
     * the budget completes whole instances). A patch whose grade is an environment failure is retried.
     */
    public static Grading grade(Evaluator evaluator, Map<String, SolveRun> runs, List<Task> tasks, Path curvesDir,
                                int maxPatches, EvalListener listener) {
        Map<String, Outcome> grades = read(curvesDir);
        Map<String, Task> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.put(t.instanceId(), t));
        List<Task> derived = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        int already = 0;
        int over = 0;
        for (SolveRun run : runs.values()) {
            Task task = byId.get(run.instanceId());
            if (task == null) {
                throw new IllegalArgumentException("instance " + run.instanceId() + " of " + run.dir()
                        + " is not in the task file; give the task file the infer run used");
            }
            Map<Integer, Patch> patches = null;
            for (int trajectory : toGrade(run)) {
                String id = gradedId(run.instanceId(), trajectory);
                Outcome earlier = grades.get(id);
                if (earlier != null && !earlier.retriedOnResume()) {
                    already++;
                    continue;
                }
                if (predictions.size() >= maxPatches) {
                    over++;
                    continue;
                }
                patches = patches == null ? run.patches() : patches;
                derived.add(new Task(id, task.repo(), task.baseCommit(), task.problemStatement(), task.hintsText(),
                        task.patch(), task.testPatch(), task.failToPass(), task.passToPass(), task.build()));
                predictions.add(new Prediction(id, "candidate", patches.getOrDefault(trajectory, Patch.empty())));
            }
        }
        Path runDir = curvesDir.resolve(RUN_ID);
        if (predictions.isEmpty()) {
            return new Grading(0, already, over, runDir);
        }
        try {
            Files.createDirectories(curvesDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + curvesDir + ": " + e.getMessage(), e);
        }
        Path taskFile = curvesDir.resolve("candidate-tasks.jsonl");
        Path predictionFile = curvesDir.resolve("candidate-predictions.jsonl");
        TaskFiles.writeTasks(taskFile, derived);
        TaskFiles.writePredictions(predictionFile, predictions);
        EvalReport report = evaluator.evaluate(EvalRequest.predictions(taskFile, predictionFile, RUN_ID)
                .withRunsDir(curvesDir), listener);
        return new Grading(report.instances().size(), already, over, runDir);
    }

    /** One trajectory per group: the group's first member. */
    private static List<Integer> toGrade(SolveRun run) {
        List<Integer> out = new ArrayList<>();
        for (SolveRun.Sample s : run.samples()) {
            if (s.empty()) {
                continue;
            }
            SolveRun.Group g = run.groupOf(s.trajectory());
            int representative = g == null ? s.trajectory() : g.members().getFirst();
            if (!out.contains(representative)) {
                out.add(representative);
            }
        }
        return out;
    }

    /**
     * The curves' inputs: an instance is in when each of its non-empty samples has a grade (its own or its
     * group's); otherwise it is left out, with the reason, rather than counted as unresolved.
     */
    public static Assembly assemble(Map<String, SolveRun> runs, Map<String, Outcome> grades, Markers markers,
                                    boolean eligibleOnly) {
        List<ScalingCurves.Instance> instances = new ArrayList<>();
        Map<String, String> excluded = new TreeMap<>();
        for (SolveRun run : runs.values()) {
            if (eligibleOnly && !markers.eligible(run.instanceId())) {
                excluded.put(run.instanceId(), "gold-unresolvable or duplicate (markers)");
                continue;
            }
            Map<Integer, Boolean> resolved = new TreeMap<>();
            Map<Integer, String> groupOf = new TreeMap<>();
            Map<Integer, Double> usd = new TreeMap<>();
            List<Integer> trajectories = new ArrayList<>();
            List<Integer> ungraded = new ArrayList<>();
            for (SolveRun.Sample s : run.samples()) {
                trajectories.add(s.trajectory());
                usd.put(s.trajectory(), s.usd());
                if (s.empty()) {
                    resolved.put(s.trajectory(), false);
                    continue;
                }
                SolveRun.Group g = run.groupOf(s.trajectory());
                List<Integer> members = g == null ? List.of(s.trajectory()) : g.members();
                groupOf.put(s.trajectory(), g == null ? "t" + s.trajectory() : g.id());
                Outcome grade = members.stream().map(m -> grades.get(gradedId(run.instanceId(), m)))
                        .filter(o -> o != null && !o.retriedOnResume()).findFirst().orElse(null);
                if (grade == null) {
                    ungraded.add(s.trajectory());
                } else {
                    resolved.put(s.trajectory(), grade.resolved());
                }
            }
            if (trajectories.isEmpty()) {
                excluded.put(run.instanceId(), "no samples recorded");
            } else if (!ungraded.isEmpty()) {
                excluded.put(run.instanceId(), "samples not graded: " + ungraded.stream().map(t -> "t" + t).toList()
                        + " (raise --grade-candidates)");
            } else {
                List<String> ranking = run.chosen() == null ? List.of() : run.ranking();
                instances.add(new ScalingCurves.Instance(run.instanceId(), trajectories, resolved, groupOf, ranking,
                        usd, Math.max(0, run.usd() - run.samplesUsd())));
            }
        }
        return new Assembly(instances, excluded);
    }
}

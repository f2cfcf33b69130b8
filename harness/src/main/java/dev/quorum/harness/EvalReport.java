package dev.quorum.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation run produced, including instances graded by earlier attempts of the same run id.
 *
 * @param runDir             {@code runs/<run-id>}: results.jsonl, report.json, report.md, logs/
 * @param tasks              tasks selected for the run
 * @param instances          one result per graded instance, in task file order
 * @param counts             instances per outcome (every outcome listed, zeros included)
 * @param withoutPrediction  selected tasks that had no patch to grade (no prediction, or no reference fix for
 *                           {@code --gold}); not graded
 * @param unknownPredictions predictions naming an instance that is not in the task file
 * @param inputErrors        lines of the task or prediction file that could not be read, and tasks refused
 *                           (no FAIL_TO_PASS)
 * @param inputWarnings      lines read with something that looks wrong (an unknown key)
 * @param strict             build files changed by a patch were reset before grading
 * @param summary            the Markdown summary, also written to {@code report.md}
 */
public record EvalReport(String runId, Path runDir, int tasks, List<InstanceResult> instances,
                         Map<Outcome, Integer> counts, List<String> withoutPrediction,
                         List<String> unknownPredictions, List<String> inputErrors, List<String> inputWarnings,
                         boolean strict, String summary) {

    public EvalReport {
        instances = List.copyOf(instances);
        counts = Map.copyOf(counts);
        withoutPrediction = List.copyOf(withoutPrediction);
        unknownPredictions = List.copyOf(unknownPredictions);
        inputErrors = List.copyOf(inputErrors);
        inputWarnings = List.copyOf(inputWarnings);
    }

    public int count(Outcome outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    /** True when every selected instance with a patch got a verdict and every input line was read. */
    public boolean allGraded() {
        return count(Outcome.ENV_FAILED) == 0 && count(Outcome.INFRA_FAILED) == 0 && count(Outcome.RUN_INVALID) == 0 && inputErrors.isEmpty();
    }

    public Path resultsFile() {
        return runDir.resolve("results.jsonl");
    }

    public Path reportFile() {
        return runDir.resolve("report.json");
    }

    /** The directory holding one instance's logs ({@code build.log}, {@code patch-apply.log}, ...). */
    public Path logsOf(String instanceId) {
        return new RunLayout(runDir).logs(instanceId).dir();
    }
}

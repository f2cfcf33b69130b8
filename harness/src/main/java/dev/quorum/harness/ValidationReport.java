package dev.quorum.harness;

import dev.quorum.core.TestStatus;
import java.util.List;
import java.util.Map;

/**
 * Whether each task is fit for evaluation: FAIL_TO_PASS fail without the fix and pass with it, PASS_TO_PASS pass
 * in both, the same way on every run.
 *
 * @param summary Markdown, for the CLI to print
 */
public record ValidationReport(List<TaskValidation> tasks, List<String> inputErrors, String summary) {

    public ValidationReport {
        tasks = List.copyOf(tasks);
        inputErrors = List.copyOf(inputErrors);
    }

    public boolean allValid() {
        return inputErrors.isEmpty() && tasks.stream().allMatch(TaskValidation::valid);
    }

    /**
     * @param problems   what makes the task unfit (a FAIL_TO_PASS test that passes without the fix, a test that
     *                   fails with it, a patch that does not apply, ...); empty when it is fit
     * @param flaky      tests whose status changed between runs of one condition
     * @param notes      things worth knowing that do not make the task unfit (e.g. the test patch does not
     *                   compile without the fix, so PASS_TO_PASS could not be checked there)
     * @param withoutFix each test's status in every run on base + test patch
     * @param withFix    each test's status in every run on base + fix + test patch
     */
    public record TaskValidation(String instanceId, List<String> problems, List<String> flaky, List<String> notes,
                                 Map<String, List<TestStatus>> withoutFix, Map<String, List<TestStatus>> withFix,
                                 double seconds) {
        public TaskValidation {
            problems = List.copyOf(problems);
            flaky = List.copyOf(flaky);
            notes = List.copyOf(notes);
            withoutFix = Map.copyOf(withoutFix);
            withFix = Map.copyOf(withFix);
        }

        public boolean valid() {
            return problems.isEmpty() && flaky.isEmpty();
        }
    }
}

package dev.quorum.selection;

import dev.quorum.core.TestId;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Role;
import dev.quorum.selection.Evidence.TestVerdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the pairwise judge reads about one finalist's tests: every voting test with its role, its status on the base
 * commit, its weight and this finalist's result (failure messages trimmed), then the repository's regression tests
 * (how many pass, and each one broken with its message). The judge weighs tests the scores cannot (a check that
 * encodes the old behaviour, a weak test), so it needs the tests themselves, not a count.
 */
final class JudgeEvidence {
    static final int MAX_MESSAGE_CHARS = 300;
    static final int MAX_CHARS = 6_000;

    private JudgeEvidence() {
    }

    /**
     * @param verdicts every validated test id (voting, regression and excluded)
     * @param weights  the voting weight of each test after the matrix ran
     */
    static String of(MatrixRun.GroupRun group, List<TestVerdict> verdicts, Map<TestId, Double> weights) {
        StringBuilder out = new StringBuilder();
        List<TestVerdict> voting = verdicts.stream()
                .filter(v -> v.role() == Role.REPRODUCTION || v.role() == Role.CHECK).toList();
        if (voting.isEmpty()) {
            out.append("no test written for this issue survived validation on the base commit\n");
        }
        for (TestVerdict v : voting) {
            TestId id = TestId.parse(v.testId());
            Cell cell = group.row().getOrDefault(id, Cell.MISSING);
            out.append("- ").append(v.testId()).append(" [").append(v.role() == Role.REPRODUCTION
                            ? "fails on the base commit" : "passes on the base commit")
                    .append(String.format(Locale.ROOT, ", weight %.2f", weights.getOrDefault(id, 0.0)));
            if (v.authors().stream().anyMatch(group.liveMembers()::contains)) {
                out.append(", written by this patch's own trajectory");
            }
            out.append("]: ").append(describe(cell)).append(message(group, id, cell)).append('\n');
        }
        List<TestId> regression = verdicts.stream().filter(v -> v.role() == Role.REGRESSION)
                .map(v -> TestId.parse(v.testId())).toList();
        if (!regression.isEmpty()) {
            List<TestId> broken = regression.stream()
                    .filter(t -> !group.row().getOrDefault(t, Cell.MISSING).passed()).toList();
            out.append("Repository tests that pass on the base commit: ").append(regression.size() - broken.size())
                    .append(" of ").append(regression.size()).append(" pass with this patch\n");
            for (TestId t : broken) {
                Cell cell = group.row().getOrDefault(t, Cell.MISSING);
                out.append("- ").append(t).append(": ").append(describe(cell)).append(message(group, t, cell))
                        .append('\n');
            }
        }
        String text = out.toString().strip();
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "\n... (cut)" : text;
    }

    private static String describe(Cell cell) {
        return switch (cell) {
            case PASSED -> "passes";
            case FAILED -> "fails";
            case ERROR -> "errors";
            case FLAKY -> "flaky (failed, then passed on a rerun)";
            case TIMED_OUT -> "unknown (the run timed out)";
            case BUILD_FAILED -> "does not compile or build with this patch";
            case APPLY_FAILED -> "could not be applied with this patch";
            case SKIPPED -> "skipped";
            case MISSING -> "did not run";
        };
    }

    private static String message(MatrixRun.GroupRun group, TestId id, Cell cell) {
        String message = group.messages().get(id);
        if (message == null || cell.passed()) {
            return "";
        }
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return " — " + (oneLine.length() > MAX_MESSAGE_CHARS ? oneLine.substring(0, MAX_MESSAGE_CHARS) + "..." : oneLine);
    }
}

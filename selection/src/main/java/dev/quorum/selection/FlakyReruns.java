package dev.quorum.selection;

import dev.quorum.core.TestId;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.selection.Evidence.Cell;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 4: cells that look wrong across groups are run again in a fresh sandbox. Suspicious: two near-identical
 * groups (changed members sharing {@value #NEAR_IDENTICAL} of their lines) disagree on a test, or a group that
 * changes no code (after normalization) differs from the base commit. A cell whose outcome flips is flaky for that
 * group only: it becomes {@link Cell#FLAKY} in that group's row and counts against it, and the test keeps voting on
 * the others. Failing cells were already re-run in their own sandbox by {@link MatrixRun}.
 */
final class FlakyReruns {
    static final double NEAR_IDENTICAL = 0.95;

    private final SandboxRuns runs;
    private final int reruns;

    FlakyReruns(SandboxRuns runs, int reruns) {
        this.runs = runs;
        this.reruns = reruns;
    }

    /** The suspicious tests of each live group. */
    static Map<MatrixRun.GroupRun, Set<TestId>> suspicious(List<MatrixRun.GroupRun> live, Map<TestId, Cell> baseline) {
        Map<MatrixRun.GroupRun, Set<TestId>> cells = new LinkedHashMap<>();
        for (int i = 0; i < live.size(); i++) {
            MatrixRun.GroupRun a = live.get(i);
            if (a.plan().normalized().key().isEmpty()) {
                a.row().forEach((t, cell) -> {
                    if (baseline.containsKey(t) && cell.known() && cell.passed() != baseline.get(t).passed()) {
                        cells.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(t);
                    }
                });
            }
            for (int j = i + 1; j < live.size(); j++) {
                MatrixRun.GroupRun b = live.get(j);
                if (Grouping.similarity(a.plan().normalized(), b.plan().normalized()) < NEAR_IDENTICAL) {
                    continue;
                }
                a.row().forEach((t, cell) -> {
                    Cell other = b.row().get(t);
                    if (other != null && cell.known() && other.known() && other.passed() != cell.passed()) {
                        cells.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(t);
                        cells.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(t);
                    }
                });
            }
        }
        return cells;
    }

    /** Re-runs the suspicious cells; returns, per group id, the tests that flipped there. */
    Map<String, Set<TestId>> rerun(Map<MatrixRun.GroupRun, Set<TestId>> suspicious, VoterValidation.Validated voters) {
        Map<String, Set<TestId>> flaky = new LinkedHashMap<>();
        if (reruns == 0) {
            return flaky;
        }
        for (Map.Entry<MatrixRun.GroupRun, Set<TestId>> e : suspicious.entrySet()) {
            MatrixRun.GroupRun group = e.getKey();
            List<TestId> tests = List.copyOf(e.getValue());
            try (Sandbox sandbox = runs.open()) {
                if (sandbox.applyPatch(group.representative().patch(), "") instanceof PatchApplication.Rejected) {
                    continue;
                }
                voters.voters().forEach(v -> SandboxRuns.apply(sandbox, v.testPatch()));
                for (int i = 0; i < reruns && sandbox.isAlive(); i++) {
                    SandboxRuns.Outcome again = runs.run(sandbox, tests);
                    if (!again.ran()) {
                        break;
                    }
                    tests.stream().filter(t -> again.cells().getOrDefault(t, Cell.MISSING).passed()
                                    != group.row().getOrDefault(t, Cell.MISSING).passed())
                            .forEach(t -> flaky.computeIfAbsent(group.plan().id(), k -> new LinkedHashSet<>()).add(t));
                }
            }
        }
        return flaky;
    }
}

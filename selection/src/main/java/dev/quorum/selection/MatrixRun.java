package dev.quorum.selection;

import dev.quorum.core.TestId;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.DroppedCandidate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 3: one sandbox execution per group. The group's first member that applies is its representative (members
 * tried before it that did not apply are dropped); then every voter test patch is applied and every voting test
 * runs at once. A group whose code does not compile is dropped whole. Regression tests that fail here are re-run
 * in the same sandbox: a test that flips is flaky.
 */
final class MatrixRun {
    static final TestId COMPILE_ONLY = TestId.ofClass("quorum.selection.NoVoterTestCompileCheck");

    /**
     * @param representative the member whose patch was tested, or null when none applied
     * @param dropped        members that did not apply, or every member when the group did not compile
     */
    record GroupRun(Grouping.Planned plan, Candidate representative, List<DroppedCandidate> dropped,
                    Map<TestId, Cell> row, boolean live, Set<TestId> flaky) {
    }

    private final SandboxRuns runs;
    private final int reruns;

    MatrixRun(SandboxRuns runs, int reruns) {
        this.runs = runs;
        this.reruns = reruns;
    }

    GroupRun run(Grouping.Planned plan, VoterValidation.Validated voters) {
        List<TestId> tests = voters.allVoting();
        List<TestId> regression = voters.voting(Evidence.Role.REGRESSION);
        List<DroppedCandidate> dropped = new ArrayList<>();
        try (Sandbox sandbox = runs.open()) {
            Candidate representative = null;
            for (Candidate member : plan.members()) {
                if (member.patch().isEmpty()) {
                    dropped.add(new DroppedCandidate(member.id(), Cell.APPLY_FAILED, "the patch is empty"));
                    continue;
                }
                PatchApplication applied = sandbox.applyPatch(member.patch(), "");
                if (applied instanceof PatchApplication.Rejected rejected) {
                    dropped.add(new DroppedCandidate(member.id(), Cell.APPLY_FAILED, rejected.reason()));
                } else {
                    representative = member;
                    break;
                }
            }
            if (representative == null) {
                return new GroupRun(plan, null, dropped, fill(tests, Cell.APPLY_FAILED), false, Set.of());
            }
            Map<TestId, Cell> row = new LinkedHashMap<>();
            List<TestId> runnable = new ArrayList<>();
            Set<TestId> blocked = new LinkedHashSet<>();
            for (VoterTest v : voters.voters()) {
                if (SandboxRuns.apply(sandbox, v.testPatch()) instanceof PatchApplication.Rejected) {
                    // The candidate changed a file this voter's patch changes too; its tests cannot run here.
                    blocked.addAll(v.testIds());
                }
            }
            for (TestId t : tests) {
                if (blocked.contains(t)) {
                    row.put(t, Cell.APPLY_FAILED);
                } else {
                    runnable.add(t);
                }
            }
            // With nothing to run, a placeholder test id still makes the build compile the candidate.
            SandboxRuns.Outcome outcome = runs.run(sandbox, runnable.isEmpty() ? List.of(COMPILE_ONLY) : runnable);
            if (!runnable.isEmpty()) {
                row.putAll(outcome.cells());
            }
            if (!outcome.ran()) {
                List<DroppedCandidate> all = new ArrayList<>(dropped);
                int at = plan.members().indexOf(representative);
                for (Candidate member : plan.members().subList(at, plan.members().size())) {
                    all.add(new DroppedCandidate(member.id(), outcome.failure(), outcome.detail()));
                }
                return new GroupRun(plan, representative, all, ordered(tests, row), false, Set.of());
            }
            Set<TestId> flaky = new LinkedHashSet<>();
            List<TestId> suspicious = regression.stream()
                    .filter(t -> row.get(t) != Cell.PASSED && row.get(t) != Cell.APPLY_FAILED).toList();
            for (int i = 0; i < reruns && !suspicious.isEmpty() && sandbox.isAlive(); i++) {
                SandboxRuns.Outcome again = runs.run(sandbox, suspicious);
                if (!again.ran()) {
                    break;
                }
                suspicious.stream().filter(t -> again.cells().get(t) != row.get(t)).forEach(flaky::add);
            }
            return new GroupRun(plan, representative, dropped, ordered(tests, row), true, flaky);
        }
    }

    private static Map<TestId, Cell> fill(List<TestId> tests, Cell cell) {
        Map<TestId, Cell> row = new LinkedHashMap<>();
        tests.forEach(t -> row.put(t, cell));
        return row;
    }

    private static Map<TestId, Cell> ordered(List<TestId> tests, Map<TestId, Cell> cells) {
        Map<TestId, Cell> row = new LinkedHashMap<>();
        tests.forEach(t -> row.put(t, cells.getOrDefault(t, Cell.MISSING)));
        return row;
    }
}

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * One group's row of the matrix. The group's first member that applies is its representative (members tried
 * before it that did not apply are dropped); every voter test patch is applied and every voting test runs at once.
 * Failing cells are run again in the same sandbox: a cell that flips is {@link Cell#FLAKY} for this group only.
 *
 * <p>When that one run fails as a whole, the fault is found before anything is dropped: a build whose compiler
 * names only main code means the candidate does not compile (the group is dropped); otherwise (a test that does
 * not compile against this candidate, a hang, a crashed fork) the candidate is compiled alone and each voter runs
 * alone with it, so a bad voter loses only its own cells. When the candidate's own run times out (compiled alone,
 * or with nothing else to blame), the group stays in the pool with unknown cells: see {@link #timedOut}.
 */
final class MatrixRun {
    static final TestId COMPILE_ONLY = TestId.ofClass("quorum.selection.NoVoterTestCompileCheck");

    /**
     * @param representative the member whose patch was tested, or null when none applied
     * @param dropped        members that did not apply, or every member when the group did not compile
     * @param notes          voters that failed alone with this candidate, and why; a run that timed out
     * @param messages       the reports' failure message per failing cell, for the judge
     */
    record GroupRun(Grouping.Planned plan, Candidate representative, List<DroppedCandidate> dropped,
                    Map<TestId, Cell> row, boolean live, List<String> notes, Map<TestId, String> messages) {

        GroupRun {
            messages = Map.copyOf(messages);
        }

        /** Members that applied and compiled. */
        List<String> liveMembers() {
            Set<String> gone = new LinkedHashSet<>();
            dropped.forEach(d -> gone.add(d.candidateId()));
            return plan.members().stream().map(Candidate::id).filter(id -> !gone.contains(id)).toList();
        }

        /** This row with the cells of another run of the same group (a tie-break round's tests). */
        GroupRun plus(GroupRun more) {
            Map<TestId, Cell> merged = new LinkedHashMap<>(row);
            merged.putAll(more.row());
            List<String> allNotes = new ArrayList<>(notes);
            allNotes.addAll(more.notes());
            Map<TestId, String> allMessages = new LinkedHashMap<>(messages);
            allMessages.putAll(more.messages());
            return new GroupRun(plan, representative, dropped, merged, live, allNotes, allMessages);
        }

        GroupRun withFlaky(Set<TestId> flipped) {
            Map<TestId, Cell> marked = new LinkedHashMap<>(row);
            flipped.forEach(t -> marked.replace(t, Cell.FLAKY));
            return new GroupRun(plan, representative, dropped, marked, live, notes, messages);
        }
    }

    private final SandboxRuns runs;
    private final int reruns;
    /** How each representative's patch applied, by candidate id: an inexact application is scored lower. */
    private final Map<String, PatchApplication.Strategy> appliedWith = new ConcurrentHashMap<>();

    MatrixRun(SandboxRuns runs, int reruns) {
        this.runs = runs;
        this.reruns = reruns;
    }

    GroupRun run(Grouping.Planned plan, VoterValidation.Validated voters) {
        List<TestId> tests = voters.allVoting();
        List<DroppedCandidate> dropped = new ArrayList<>();
        Cells cells = new Cells();
        List<VoterTest> applied = new ArrayList<>();
        Candidate representative;
        SandboxRuns.Outcome outcome;
        try (Sandbox sandbox = runs.open()) {
            representative = applyFirst(sandbox, plan, dropped, appliedWith);
            if (representative == null) {
                tests.forEach(t -> cells.row.put(t, Cell.APPLY_FAILED));
                return new GroupRun(plan, null, dropped, cells.row, false, List.of(), Map.of());
            }
            for (VoterTest v : voters.voters()) {
                if (SandboxRuns.apply(sandbox, v.testPatch()) instanceof PatchApplication.Rejected) {
                    // The candidate changed a file this voter's patch changes too; its tests cannot run here.
                    idsOf(v, tests).forEach(t -> cells.row.put(t, Cell.APPLY_FAILED));
                } else {
                    applied.add(v);
                }
            }
            List<TestId> runnable = tests.stream().filter(t -> !cells.row.containsKey(t)).toList();
            // With nothing to run, a placeholder test id still makes the build compile the candidate.
            outcome = runs.run(sandbox, runnable.isEmpty() ? List.of(COMPILE_ONLY) : runnable);
            if (outcome.ran()) {
                if (!runnable.isEmpty()) {
                    cells.add(outcome);
                    rerunFailing(sandbox, cells.row, runnable);
                }
                return cells.group(plan, representative, dropped, tests, List.of());
            }
            if (outcome.failure() == Cell.TIMED_OUT && (applied.isEmpty() || runnable.isEmpty())) {
                return timedOut(plan, representative, dropped, tests, cells, outcome);
            }
            if (applied.isEmpty() || runnable.isEmpty() || onlyMainCodeFails(outcome)) {
                return brokenGroup(plan, representative, dropped, tests, cells.row, outcome);
            }
        }
        List<VoterTest> blamed = applied.stream().filter(v -> namedBy(outcome, v)).toList();
        if (!blamed.isEmpty() && blamed.size() < applied.size()) {
            GroupRun without = withoutBlamed(plan, representative, dropped, applied, blamed, tests, cells, outcome);
            if (without != null) {
                return without;
            }
        }
        return isolate(plan, representative, dropped, applied, tests, cells);
    }

    /** A row being filled: cells and the failure messages behind them. */
    static final class Cells {
        final Map<TestId, Cell> row = new LinkedHashMap<>();
        final Map<TestId, String> messages = new LinkedHashMap<>();

        Cells() {
        }

        Cells(Cells other) {
            row.putAll(other.row);
            messages.putAll(other.messages);
        }

        void add(SandboxRuns.Outcome outcome) {
            row.putAll(outcome.cells());
            messages.putAll(outcome.messages());
        }

        GroupRun group(Grouping.Planned plan, Candidate representative, List<DroppedCandidate> dropped,
                       List<TestId> tests, List<String> notes) {
            return new GroupRun(plan, representative, dropped, ordered(tests, row), true, notes, messages);
        }
    }

    /** The compiler named one of this voter's test files. */
    private static boolean namedBy(SandboxRuns.Outcome outcome, VoterTest voter) {
        return outcome.failure() == Cell.BUILD_FAILED && PatchParts.sections(voter.testPatch()).stream()
                .anyMatch(s -> s.path() != null && outcome.detail().contains(s.path()));
    }

    /** The common case, in one run: the voters the compiler named lose their cells, the others run as usual. */
    private GroupRun withoutBlamed(Grouping.Planned plan, Candidate representative, List<DroppedCandidate> dropped,
                                  List<VoterTest> applied, List<VoterTest> blamed, List<TestId> tests,
                                  Cells before, SandboxRuns.Outcome failed) {
        try (Sandbox sandbox = runs.open()) {
            sandbox.applyPatch(representative.patch(), "");
            Cells cells = new Cells(before);
            blamed.forEach(v -> idsOf(v, tests).forEach(t -> cells.row.put(t, Cell.BUILD_FAILED)));
            applied.stream().filter(v -> !blamed.contains(v)).forEach(v -> SandboxRuns.apply(sandbox, v.testPatch()));
            List<TestId> runnable = tests.stream().filter(t -> !cells.row.containsKey(t)).toList();
            SandboxRuns.Outcome outcome = runs.run(sandbox, runnable.isEmpty() ? List.of(COMPILE_ONLY) : runnable);
            if (!outcome.ran()) {
                return null;
            }
            if (!runnable.isEmpty()) {
                cells.add(outcome);
                rerunFailing(sandbox, cells.row, runnable);
            }
            List<String> notes = blamed.stream().map(v -> "voter " + v.id() + " does not compile against candidate "
                    + representative.id() + " (only its own cells are lost): " + firstLine(failed.detail())).toList();
            return cells.group(plan, representative, dropped, tests, notes);
        }
    }

    /** How the candidate's patch applied in this matrix, or null when it was not applied here. */
    PatchApplication.Strategy appliedWith(Candidate candidate) {
        return candidate == null ? null : appliedWith.get(candidate.id());
    }

    private static Candidate applyFirst(Sandbox sandbox, Grouping.Planned plan, List<DroppedCandidate> dropped,
                                        Map<String, PatchApplication.Strategy> appliedWith) {
        for (Candidate member : plan.members()) {
            if (member.patch().isEmpty()) {
                dropped.add(new DroppedCandidate(member.id(), Cell.APPLY_FAILED, "the patch is empty"));
                continue;
            }
            PatchApplication applied = sandbox.applyPatch(member.patch(), "");
            switch (applied) {
                case PatchApplication.Rejected rejected ->
                        dropped.add(new DroppedCandidate(member.id(), Cell.APPLY_FAILED, rejected.reason()));
                case PatchApplication.Applied ok -> {
                    appliedWith.put(member.id(), ok.strategy());
                    return member;
                }
            }
        }
        return null;
    }

    /** The compiler complained, and only about main code: the candidate itself does not compile. */
    private static boolean onlyMainCodeFails(SandboxRuns.Outcome outcome) {
        return outcome.failure() == Cell.BUILD_FAILED && outcome.detail().startsWith("does not compile")
                && !outcome.detail().contains("src/test/");
    }

    /** The candidate alone, then each voter alone with it. */
    private GroupRun isolate(Grouping.Planned plan, Candidate representative, List<DroppedCandidate> dropped,
                             List<VoterTest> applied, List<TestId> tests, Cells cells) {
        try (Sandbox alone = runs.open()) {
            alone.applyPatch(representative.patch(), "");
            SandboxRuns.Outcome compiled = runs.run(alone, List.of(COMPILE_ONLY));
            if (compiled.failure() == Cell.TIMED_OUT) {
                return timedOut(plan, representative, dropped, tests, cells, compiled);
            }
            if (!compiled.ran()) {
                return brokenGroup(plan, representative, dropped, tests, cells.row, compiled);
            }
        }
        List<String> notes = new ArrayList<>();
        for (VoterTest v : applied) {
            List<TestId> ids = idsOf(v, tests).stream().filter(t -> !cells.row.containsKey(t)).toList();
            if (ids.isEmpty()) {
                continue;
            }
            try (Sandbox sandbox = runs.open()) {
                sandbox.applyPatch(representative.patch(), "");
                SandboxRuns.apply(sandbox, v.testPatch());
                SandboxRuns.Outcome own = runs.run(sandbox, ids);
                if (own.ran()) {
                    cells.add(own);
                    rerunFailing(sandbox, cells.row, ids);
                } else {
                    ids.forEach(t -> cells.row.put(t, own.failure()));
                    notes.add("voter " + v.id() + " with candidate " + representative.id() + ": " + firstLine(own.detail())
                            + " (only its own cells are lost)");
                }
            }
        }
        return cells.group(plan, representative, dropped, tests, notes);
    }

    /**
     * The candidate's own run passed its time limit, so nothing is known about it: the group stays in the pool with
     * every cell it has no result for {@link Cell#TIMED_OUT} (unknown: no vote for or against it, no veto), and the
     * evidence says so. A slow machine must not silently shrink the pool to the candidates that happened to finish.
     */
    static GroupRun timedOut(Grouping.Planned plan, Candidate representative, List<DroppedCandidate> dropped,
                             List<TestId> tests, Cells cells, SandboxRuns.Outcome outcome) {
        tests.forEach(t -> cells.row.putIfAbsent(t, Cell.TIMED_OUT));
        String note = "group " + plan.id() + " (candidate " + representative.id() + "): " + firstLine(outcome.detail())
                + "; its cells are unknown (TIMED_OUT), it stays in the pool without test evidence";
        return cells.group(plan, representative, dropped, tests, List.of(note));
    }

    private static GroupRun brokenGroup(Grouping.Planned plan, Candidate representative, List<DroppedCandidate> dropped,
                                        List<TestId> tests, Map<TestId, Cell> row, SandboxRuns.Outcome outcome) {
        List<DroppedCandidate> all = new ArrayList<>(dropped);
        int at = plan.members().indexOf(representative);
        for (Candidate member : plan.members().subList(at, plan.members().size())) {
            all.add(new DroppedCandidate(member.id(), outcome.failure(), outcome.detail()));
        }
        tests.forEach(t -> row.putIfAbsent(t, outcome.failure()));
        return new GroupRun(plan, representative, all, ordered(tests, row), false, List.of(), Map.of());
    }

    /** Runs the failing cells again in the same sandbox; one that flips is flaky for this group. */
    private void rerunFailing(Sandbox sandbox, Map<TestId, Cell> row, List<TestId> ids) {
        List<TestId> failing = ids.stream().filter(t -> row.get(t) == Cell.FAILED || row.get(t) == Cell.ERROR).toList();
        for (int i = 0; i < reruns && !failing.isEmpty() && sandbox.isAlive(); i++) {
            SandboxRuns.Outcome again = runs.run(sandbox, failing);
            if (!again.ran()) {
                return;
            }
            failing.stream().filter(t -> again.cells().getOrDefault(t, Cell.MISSING).passed())
                    .forEach(t -> row.put(t, Cell.FLAKY));
        }
    }

    private static List<TestId> idsOf(VoterTest voter, List<TestId> tests) {
        return voter.testIds().stream().filter(tests::contains).toList();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static Map<TestId, Cell> ordered(List<TestId> tests, Map<TestId, Cell> cells) {
        Map<TestId, Cell> row = new LinkedHashMap<>();
        tests.forEach(t -> row.put(t, cells.getOrDefault(t, Cell.MISSING)));
        return row;
    }
}

package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Role;
import dev.quorum.selection.Evidence.TestVerdict;
import dev.quorum.selection.Evidence.VoterCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 1: every voter test patch applied together on the base commit, every test id run once. A voter whose
 * patch does not apply, or whose tests do not compile, is dropped with the reason; each test id gets its role
 * from whether it existed at base and its status there (see {@link Role}). Every test that fails on base is re-run
 * (repository tests and reproduction tests alike): one that flips is flaky and does not vote. When the run times out, each voter runs alone, so that one hanging voter leaves
 * the others' base status known; a test whose status on base is unknown does not vote and does not guard.
 */
final class VoterValidation {
    private static final int MAX_ROUNDS = 4;

    /**
     * @param voters   voters kept, in request order
     * @param checks   one per voter, kept or dropped
     * @param verdicts one per distinct test id of the kept voters
     * @param baseline the base commit's row
     * @param flaky    tests that flipped on base
     */
    record Validated(List<VoterTest> voters, List<VoterCheck> checks, List<TestVerdict> verdicts,
                     Map<TestId, Cell> baseline, Set<TestId> flaky) {

        List<TestId> voting(Role role) {
            return verdicts.stream().filter(v -> v.role() == role).map(v -> TestId.parse(v.testId())).toList();
        }

        List<TestId> allVoting() {
            return verdicts.stream().filter(v -> v.role() != Role.EXCLUDED).map(v -> TestId.parse(v.testId())).toList();
        }

        /** The same, with voters and checks in the order of the request. */
        Validated inOrderOf(List<VoterTest> request) {
            List<String> order = request.stream().map(VoterTest::id).toList();
            List<VoterTest> v = new ArrayList<>(voters);
            v.sort(java.util.Comparator.comparingInt(x -> order.indexOf(x.id())));
            List<VoterCheck> c = new ArrayList<>(checks);
            c.sort(java.util.Comparator.comparingInt(x -> order.indexOf(x.id())));
            return new Validated(v, c, verdicts, baseline, flaky);
        }

        /** These voters and {@code more} (validated later, e.g. a tie-break round's tests). */
        Validated plus(Validated more) {
            Map<TestId, Cell> base = new LinkedHashMap<>(baseline);
            base.putAll(more.baseline());
            Set<TestId> flips = new LinkedHashSet<>(flaky);
            flips.addAll(more.flaky());
            return new Validated(concat(voters, more.voters()), concat(checks, more.checks()),
                    concat(verdicts, more.verdicts()), base, flips);
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    private final SandboxRuns runs;
    private final int reruns;

    VoterValidation(SandboxRuns runs, int reruns) {
        this.runs = runs;
        this.reruns = reruns;
    }

    Validated validate(List<VoterTest> voters) {
        Map<String, String> dropped = new LinkedHashMap<>();
        if (voters.isEmpty()) {
            return new Validated(List.of(), List.of(), List.of(), Map.of(), Set.of());
        }
        List<VoterTest> known = voters.stream().filter(VoterTest::baseKnown).toList();
        if (!known.isEmpty()) {
            // Their base run is shared with the stage that made them: no sandbox here.
            Validated ran = validate(voters.stream().filter(v -> !v.baseKnown()).toList());
            Map<TestId, Cell> baseline = new LinkedHashMap<>();
            known.forEach(v -> v.knownOnBase().forEach((t, status) -> baseline.put(t, SandboxRuns.cellOf(status))));
            Validated shared = new Validated(known, checks(known, Map.of()), verdicts(owners(known), baseline, Set.of()),
                    baseline, Set.of());
            return ran.plus(shared).inOrderOf(voters);
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<VoterTest> kept = voters.stream().filter(v -> !dropped.containsKey(v.id())).toList();
            if (kept.isEmpty()) {
                break;
            }
            try (Sandbox sandbox = runs.open()) {
                List<VoterTest> applied = new ArrayList<>();
                for (VoterTest v : kept) {
                    PatchApplication result = SandboxRuns.apply(sandbox, v.testPatch());
                    if (result instanceof PatchApplication.Rejected rejected) {
                        dropped.put(v.id(), "its test patch does not apply on the base commit"
                                + (applied.isEmpty() ? "" : " with the voters before it") + ": " + rejected.reason());
                    } else {
                        applied.add(v);
                    }
                }
                List<TestId> ids = distinctIds(applied);
                SandboxRuns.Outcome outcome = runs.run(sandbox, ids);
                if (outcome.failure() == Cell.BUILD_FAILED) {
                    int before = dropped.size();
                    blameCompileErrors(applied, outcome.detail(), dropped);
                    if (dropped.size() == before) {
                        applied.stream().filter(v -> !v.testPatch().isEmpty())
                                .forEach(v -> dropped.put(v.id(), "the voter tests do not compile on the base commit: "
                                        + outcome.detail()));
                        if (dropped.size() == before) {
                            applied.forEach(v -> dropped.put(v.id(), "the base commit does not build: " + outcome.detail()));
                        }
                    }
                    continue;
                }
                Set<TestId> flaky = new LinkedHashSet<>();
                Map<TestId, Cell> baseline = new LinkedHashMap<>(outcome.cells());
                Map<TestId, VoterTest> owner = owners(applied);
                if (outcome.failure() == Cell.TIMED_OUT && applied.size() > 1) {
                    // One hanging voter must not cost the others their base run: run each alone.
                    applied.forEach(v -> baseline.putAll(alone(v)));
                } else if (outcome.ran()) {
                    // Every test that fails on base runs again, whatever wrote it: a flaky voter that failed here
                    // by chance would otherwise pass for a reproduction test and separate candidates by luck.
                    List<TestId> failures = owner.keySet().stream().filter(t -> baseline.get(t) != Cell.PASSED).toList();
                    for (int i = 0; i < reruns && !failures.isEmpty() && sandbox.isAlive(); i++) {
                        SandboxRuns.Outcome again = runs.run(sandbox, failures);
                        for (TestId t : failures) {
                            if (again.cells().get(t) != baseline.get(t)) {
                                flaky.add(t);
                            }
                        }
                    }
                }
                return new Validated(applied, checks(voters, dropped), verdicts(owner, baseline, flaky), baseline, flaky);
            }
        }
        return new Validated(List.of(), checks(voters, dropped), List.of(), Map.of(), Set.of());
    }

    /** One voter's tests on the base commit in a sandbox of their own. */
    private Map<TestId, Cell> alone(VoterTest voter) {
        try (Sandbox sandbox = runs.open()) {
            SandboxRuns.apply(sandbox, voter.testPatch());
            return runs.run(sandbox, voter.testIds()).cells();
        }
    }

    /** Drops the voters whose files the compiler names. */
    private static void blameCompileErrors(List<VoterTest> applied, String errors, Map<String, String> dropped) {
        for (VoterTest v : applied) {
            if (v.testPatch().isEmpty()) {
                continue;
            }
            for (Patch.Section s : PatchParts.sections(v.testPatch())) {
                if (s.path() != null && errors.contains(s.path())) {
                    dropped.put(v.id(), "its tests do not compile on the base commit: " + errors);
                    break;
                }
            }
        }
    }

    private static List<TestId> distinctIds(List<VoterTest> voters) {
        return List.copyOf(owners(voters).keySet());
    }

    /** Each test id with the first voter that names it. */
    private static Map<TestId, VoterTest> owners(List<VoterTest> voters) {
        Map<TestId, VoterTest> owner = new LinkedHashMap<>();
        for (VoterTest v : voters) {
            v.testIds().forEach(t -> owner.putIfAbsent(t, v));
        }
        return owner;
    }

    private static List<VoterCheck> checks(List<VoterTest> voters, Map<String, String> dropped) {
        return voters.stream().map(v -> new VoterCheck(v.id(), v.origin(), !dropped.containsKey(v.id()),
                dropped.getOrDefault(v.id(), ""), v.testIds().stream().map(TestId::toString).toList())).toList();
    }

    private static List<TestVerdict> verdicts(Map<TestId, VoterTest> owner, Map<TestId, Cell> baseline, Set<TestId> flaky) {
        List<TestVerdict> verdicts = new ArrayList<>();
        owner.forEach((t, v) -> {
            Cell onBase = baseline.getOrDefault(t, Cell.MISSING);
            boolean fails = onBase == Cell.FAILED || onBase == Cell.ERROR;
            boolean guards = v.existedAtBase() && v.origin() != VoterTest.Origin.REPRODUCTION;
            Role role;
            String reason;
            if (flaky.contains(t)) {
                role = Role.EXCLUDED;
                reason = "flaky on the base commit";
            } else if (!onBase.known()) {
                role = Role.EXCLUDED;
                reason = switch (onBase) {
                    case TIMED_OUT -> "timed out on the base commit: its status there is unknown, not passing";
                    case SKIPPED -> "skipped on the base commit";
                    default -> "did not run on the base commit (" + onBase + ")";
                };
            } else if (guards) {
                role = fails ? (v.origin() == VoterTest.Origin.USER ? Role.REPRODUCTION : Role.EXCLUDED) : Role.REGRESSION;
                reason = fails ? (role == Role.EXCLUDED ? "fails on base: cannot guard against regressions" : "fails on base")
                        : "in the repository at base and passes there: a candidate that breaks it is disqualified";
            } else {
                role = fails ? Role.REPRODUCTION : Role.CHECK;
                reason = fails ? "fails on base" : "passes on base: votes, never vetoes (written for this issue)";
            }
            verdicts.add(new TestVerdict(t.toString(), v.id(), role, onBase, 0.0, reason,
                    v.authors().stream().sorted().toList()));
        });
        return verdicts;
    }
}

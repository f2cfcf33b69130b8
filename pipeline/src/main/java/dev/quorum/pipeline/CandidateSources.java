package dev.quorum.pipeline;

import dev.quorum.core.Patch;
import dev.quorum.core.RepoPaths;
import dev.quorum.core.TestId;
import dev.quorum.repair.RepairRequest;
import dev.quorum.selection.VoterTest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which candidate sources a solve run uses, and what the repair engine is told about the bug.
 *
 * @param llm          model trajectories (needs a model)
 * @param repair       the model-free repair engine (needs a failing test: given, in the test patch, or found among
 *                     the tests of the localized classes)
 * @param failingTests tests that fail on base and must pass (also voters in selection, whatever the engines)
 * @param testPatch    tests to add first (a failing test a user wrote), empty for none
 * @param repairBudget how much the repair engine may try (default {@link RepairRequest.Budget#defaults()})
 */
public record CandidateSources(boolean llm, boolean repair, List<TestId> failingTests, Patch testPatch,
                               RepairRequest.Budget repairBudget) {
    /** Candidate ids of the repair engine start with it ({@code r1}, {@code r2}, ...); trajectories' with {@code t}. */
    static final String REPAIR_PREFIX = "r";

    public CandidateSources {
        failingTests = failingTests == null ? List.of() : List.copyOf(failingTests);
        testPatch = testPatch == null ? Patch.empty() : testPatch;
        repairBudget = repairBudget == null ? RepairRequest.Budget.defaults() : repairBudget;
        if (!llm && !repair) {
            throw new IllegalArgumentException("no candidate source: use --engines llm, repair or llm,repair");
        }
    }

    /** Model trajectories alone (what {@code infer} and {@code serve} run). */
    public static CandidateSources llmOnly() {
        return new CandidateSources(true, false, List.of(), Patch.empty(), null);
    }

    /**
     * @param engines comma-separated {@code llm} and {@code repair}
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CandidateSources of(String engines, List<TestId> failingTests, Patch testPatch) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : engines.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (!name.equals("llm") && !name.equals("repair")) {
                throw new IllegalArgumentException("unknown engine '" + part.strip() + "' in --engines: use llm,"
                        + " repair or llm,repair");
            }
            names.add(name);
        }
        return new CandidateSources(names.contains("llm"), names.contains("repair"), failingTests, testPatch, null);
    }

    /** The same sources without trajectories (no model is configured). */
    public CandidateSources withoutLlm() {
        return new CandidateSources(false, true, failingTests, testPatch, repairBudget);
    }

    /** The same sources with the repair engine validating at most {@code most} candidates. */
    public CandidateSources withRepairCandidates(int most) {
        return new CandidateSources(llm, repair, failingTests, testPatch, repairBudget.withCandidates(most));
    }

    /** The engine that made a candidate of a solve run ({@code llm} or {@code repair}), from its id. */
    public static String engineOf(String candidateId) {
        return candidateId.startsWith(REPAIR_PREFIX) ? "repair" : "llm";
    }

    /**
     * The user's failing tests as one voter in selection, whatever engines run: they name the behaviour that must
     * change, so they vote like reproduction tests nobody's candidate wrote, and a pool in which no candidate passes
     * them abstains. The ids given; else those the repair engine found failing; else the test classes the test
     * patch adds or changes. Empty when the user named no test.
     */
    List<VoterTest> userVoters(List<TestId> foundByRepair) {
        List<TestId> failing = !failingTests.isEmpty() ? failingTests : foundByRepair;
        if (failing.isEmpty() && !testPatch.isEmpty()) {
            failing = testPatch.touchedPaths().stream().map(RepoPaths::testClassOf).flatMap(Optional::stream)
                    .map(t -> TestId.ofClass(t.topLevelClass())).distinct().toList();
        }
        if (failing.isEmpty()) {
            return List.of();
        }
        return List.of(new VoterTest("failing-tests", testPatch, failing, VoterTest.Origin.USER, Set.of()));
    }

    /** True when the bug is named by a test (given, or in a test patch). */
    public boolean hasFailingTest() {
        return !failingTests.isEmpty() || !testPatch.isEmpty();
    }
}

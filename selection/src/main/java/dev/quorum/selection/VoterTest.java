package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tests that vote on candidates.
 *
 * <p>Only tests the repository already had at the base commit (an empty {@code testPatch}) that pass there can
 * disqualify a candidate. Every other test votes: it was written by a model or a person for this issue and may be
 * wrong, so its weight comes from how it splits the candidates (see selection/SCORING.md).
 *
 * @param testPatch adds or changes test files (empty when the tests already exist at the base commit)
 * @param testIds   the tests to run, methods or whole classes
 * @param origin    who wrote it (see {@link Origin})
 * @param authors   ids of the candidates whose source wrote these tests (a trajectory's own tests); they do not vote
 *                  for those candidates' groups
 * @param knownOnBase each test id's status on the base commit when an earlier stage already ran it there (testgen's
 *                  validation, the regression baseline); a voter whose every id is known is not run on base again
 */
public record VoterTest(String id, Patch testPatch, List<TestId> testIds, Origin origin, Set<String> authors,
                        Map<TestId, TestStatus> knownOnBase) {

    /** Where a voter comes from. */
    public enum Origin {
        /** Written by a model to show the bug (testgen, a trajectory, a tie-break round): votes. */
        REPRODUCTION,
        /** The repository's own tests at the base commit: a candidate that breaks one that passes there is disqualified. */
        REGRESSION,
        /** Given by the user: votes; an existing test of the repository named by the user (empty patch) also guards. */
        USER
    }

    public VoterTest {
        Objects.requireNonNull(id, "id");
        testPatch = testPatch == null ? Patch.empty() : testPatch;
        testIds = List.copyOf(testIds);
        Objects.requireNonNull(origin, "origin");
        authors = authors == null ? Set.of() : Set.copyOf(authors);
        knownOnBase = knownOnBase == null ? Map.of() : Map.copyOf(knownOnBase);
        if (testIds.isEmpty()) {
            throw new IllegalArgumentException("voter " + id + " names no test to run");
        }
    }

    public VoterTest(String id, Patch testPatch, List<TestId> testIds, Origin origin) {
        this(id, testPatch, testIds, origin, Set.of(), Map.of());
    }

    public VoterTest(String id, Patch testPatch, List<TestId> testIds, Origin origin, Set<String> authors) {
        this(id, testPatch, testIds, origin, authors, Map.of());
    }

    /** True when an earlier stage ran every one of its tests on the base commit. */
    boolean baseKnown() {
        return testIds.stream().allMatch(knownOnBase::containsKey);
    }

    /** True when the tests existed in the repository at the base commit (nothing is added or changed). */
    boolean existedAtBase() {
        return testPatch.isEmpty();
    }
}

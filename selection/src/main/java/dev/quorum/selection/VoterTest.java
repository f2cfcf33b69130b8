package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import java.util.List;
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
 */
public record VoterTest(String id, Patch testPatch, List<TestId> testIds, Origin origin, Set<String> authors) {

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
        if (testIds.isEmpty()) {
            throw new IllegalArgumentException("voter " + id + " names no test to run");
        }
    }

    public VoterTest(String id, Patch testPatch, List<TestId> testIds, Origin origin) {
        this(id, testPatch, testIds, origin, Set.of());
    }

    /** True when the tests existed in the repository at the base commit (nothing is added or changed). */
    boolean existedAtBase() {
        return testPatch.isEmpty();
    }
}

package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import java.util.List;
import java.util.Objects;

/**
 * Tests that vote on candidates.
 *
 * @param testPatch adds or changes test files (empty when the tests already exist at the base commit)
 * @param testIds   the tests to run, methods or whole classes
 * @param origin    decides how a test's status on the base commit is read (see {@link Origin})
 */
public record VoterTest(String id, Patch testPatch, List<TestId> testIds, Origin origin) {

    /** Where a voter comes from, and so what it means. */
    public enum Origin {
        /** Written to show the bug: votes for the candidates it passes, but only if it FAILS on the base commit. */
        REPRODUCTION,
        /** Passes on the base commit and must keep passing: a candidate that breaks it is penalized. */
        REGRESSION,
        /** Given by the user: fails on base → votes like a reproduction test; passes on base → guards like a regression test. */
        USER
    }

    public VoterTest {
        Objects.requireNonNull(id, "id");
        testPatch = testPatch == null ? Patch.empty() : testPatch;
        testIds = List.copyOf(testIds);
        Objects.requireNonNull(origin, "origin");
        if (testIds.isEmpty()) {
            throw new IllegalArgumentException("voter " + id + " names no test to run");
        }
    }
}

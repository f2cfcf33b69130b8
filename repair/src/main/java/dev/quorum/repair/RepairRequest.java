package dev.quorum.repair;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One bug to repair without a model.
 *
 * @param checkout     the repository at its base commit, on the host
 * @param failingTests tests that fail on base and should pass (method or class ids); may be empty when
 *                     {@code suspectTests} are given: then the failing ones among those are used
 * @param testPatch    tests to add before anything runs (the failing test a user wrote); empty for none
 * @param suspectTests test classes of the code under suspicion: searched for failing tests when none are given,
 *                     and run as regression tests of every candidate
 * @param issueText    the issue's text; its stack frames raise the suspiciousness of the lines they name
 * @param sandboxImage the env image (with a compiled state where there is one) sandboxes start from
 */
public record RepairRequest(Path checkout, List<TestId> failingTests, Patch testPatch, List<TestId> suspectTests,
                            String issueText, BuildHints build, String sandboxImage, Budget budget) {

    public RepairRequest {
        Objects.requireNonNull(checkout, "checkout");
        Objects.requireNonNull(sandboxImage, "sandboxImage");
        failingTests = failingTests == null ? List.of() : List.copyOf(failingTests);
        suspectTests = suspectTests == null ? List.of() : List.copyOf(suspectTests);
        testPatch = testPatch == null ? Patch.empty() : testPatch;
        issueText = issueText == null ? "" : issueText;
        build = build == null ? BuildHints.none() : build;
        budget = budget == null ? Budget.defaults() : budget;
        if (failingTests.isEmpty() && suspectTests.isEmpty()) {
            throw new IllegalArgumentException("repair needs a failing test: give --failing-test ID or --test-patch"
                    + " FILE, or test classes in which a failing test can be found");
        }
    }

    /**
     * @param statements    most suspicious statements templates are applied to
     * @param candidates    most candidates validated
     * @param plausible     stop after this many plausible candidates (1 by default: asking for more validates every
     *                      remaining candidate whenever fewer exist, the bulk of a repair's time), once a few other
     *                      edits of the last one's statement are validated too (alternatives: the simplest wins)
     * @param coverageTests most passing tests whose coverage is measured (in one test run on the JUnit Platform)
     * @param testTimeout   wall-clock limit of one test run
     * @param total         wall-clock limit of the whole repair
     */
    public record Budget(int statements, int candidates, int plausible, int coverageTests, Duration testTimeout,
                         Duration total) {
        public Budget {
            if (statements < 1 || candidates < 1 || plausible < 1 || coverageTests < 0) {
                throw new IllegalArgumentException("repair budget too small: statements=" + statements
                        + " candidates=" + candidates + " plausible=" + plausible + " coverageTests=" + coverageTests);
            }
            Objects.requireNonNull(testTimeout, "testTimeout");
            Objects.requireNonNull(total, "total");
        }

        public static Budget defaults() {
            return new Budget(10, 200, 1, 40, Duration.ofMinutes(5), Duration.ofMinutes(30));
        }

        public Budget withCandidates(int most) {
            return new Budget(statements, most, plausible, coverageTests, testTimeout, total);
        }
    }
}

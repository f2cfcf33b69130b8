package dev.quorum.testgen;

import java.util.List;

/**
 * The reproduction tests that were kept, and the ones that were not with their reasons.
 *
 * @param module    where the tests were put: the module holding the localized code ("" for the root)
 * @param framework the test framework they were written in, and how it was detected
 */
public record Reproductions(List<ReproductionTest> kept, List<RejectedTest> rejected, String module, String framework) {
    public Reproductions {
        kept = List.copyOf(kept);
        rejected = List.copyOf(rejected);
        module = module == null ? "" : module;
        framework = framework == null ? "" : framework;
    }

    public Reproductions(List<ReproductionTest> kept, List<RejectedTest> rejected) {
        this(kept, rejected, "", "");
    }
}

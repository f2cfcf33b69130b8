package dev.quorum.testgen;

import java.util.List;

/** The reproduction tests that were kept, and the ones that were not with their reasons. */
public record Reproductions(List<ReproductionTest> kept, List<RejectedTest> rejected) {
    public Reproductions {
        kept = List.copyOf(kept);
        rejected = List.copyOf(rejected);
    }
}

package dev.quorum.sandbox;

import java.util.List;

/** The result of applying a diff. */
public sealed interface PatchApplication {

    /** The ways a diff is applied, tried in this order. */
    enum Strategy {
        /** {@code git apply}: exact context. */
        GIT_APPLY("git apply"),
        /** {@code git apply --3way}: merges using the blobs the diff names. */
        GIT_3WAY("git apply --3way"),
        /** {@code patch --fuzz}: tolerates moved lines and slightly changed context. */
        FUZZY("patch --fuzz=3");

        private final String label;

        Strategy(String label) {
            this.label = label;
        }

        /** The command that applied, as people know it. */
        public String label() {
            return label;
        }

        /** Whether the result may differ from what the diff's author saw (a merge or fuzz moved the hunks). */
        public boolean inexact() {
            return this != GIT_APPLY;
        }
    }

    /** One strategy's attempt, with what the tool said. */
    record Attempt(Strategy strategy, boolean worked, String message) {
    }

    record Applied(Strategy strategy, List<String> files, List<Attempt> attempts) implements PatchApplication {
    }

    /** Nothing was changed; {@code reason} says why, {@code attempts} what each strategy said. */
    record Rejected(String reason, List<Attempt> attempts) implements PatchApplication {
    }

    default boolean applied() {
        return this instanceof Applied;
    }
}

package dev.quorum.sandbox;

import java.util.List;

/** The result of applying a diff. */
public sealed interface PatchApplication {

    /** The ways a diff is applied, tried in this order. */
    enum Strategy {
        /** {@code git apply}: exact context. */
        GIT_APPLY,
        /** {@code git apply --3way}: merges using the blobs the diff names. */
        GIT_3WAY,
        /** {@code patch --fuzz}: tolerates moved lines and slightly changed context. */
        FUZZY
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

package dev.quorum.selection;

import dev.quorum.core.Patch;

/**
 * What selection decided: one candidate with its confidence, or an abstention (contradictory or absent evidence).
 * Both carry the evidence.
 */
public sealed interface SelectionResult {

    Evidence evidence();

    /**
     * @param candidateId the chosen group's representative (its first member in request order that applied)
     * @param patch       that candidate's patch, as given
     */
    record Chosen(String candidateId, Patch patch, Evidence evidence) implements SelectionResult {
        /** How strong the evidence for this choice is, and why. */
        public Evidence.Confidence confidence() {
            return evidence.confidence();
        }
    }

    /** No candidate is supported well enough; {@code reason} says what was missing. */
    record Abstained(String reason, Evidence evidence) implements SelectionResult {
    }
}

package dev.quorum.selection;

import dev.quorum.core.Patch;

/** What selection decided: one candidate, or an honest abstention. Both carry the evidence. */
public sealed interface SelectionResult {

    Evidence evidence();

    /**
     * @param candidateId the chosen group's representative (its first member in request order that applied)
     * @param patch       that candidate's patch, as given
     */
    record Chosen(String candidateId, Patch patch, Evidence evidence) implements SelectionResult {
    }

    /** No candidate is supported well enough; {@code reason} says what was missing. */
    record Abstained(String reason, Evidence evidence) implements SelectionResult {
    }
}

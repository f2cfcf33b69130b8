package dev.quorum.selection;

import dev.quorum.core.Patch;
import java.util.Map;
import java.util.Objects;

/**
 * One candidate fix.
 *
 * @param id         unique within a request (a file name, a trajectory number)
 * @param patch      the diff, normally without test files (tests a candidate wrote are passed as voters)
 * @param provenance where it came from: source file, trajectory id, steps, tokens...
 */
public record Candidate(String id, Patch patch, Map<String, String> provenance) {
    public Candidate {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a candidate needs a non-blank id");
        }
        patch = patch == null ? Patch.empty() : patch;
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    public static Candidate of(String id, Patch patch) {
        return new Candidate(id, patch, Map.of());
    }
}

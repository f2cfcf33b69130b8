package dev.quorum.tasks;

import java.util.List;

/**
 * What reading a JSONL file gave: every line that made sense, one error for each line that did not (a bad line
 * never hides the good ones), and warnings about lines that were read but look wrong (an unknown key, which is
 * often a typo'd one).
 */
public record LoadResult<T>(List<T> items, List<LineError> errors, List<LineError> warnings) {
    public LoadResult {
        items = List.copyOf(items);
        errors = List.copyOf(errors);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public LoadResult(List<T> items, List<LineError> errors) {
        this(items, errors, List.of());
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}

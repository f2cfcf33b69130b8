package dev.quorum.tasks;

import java.util.List;

/**
 * What reading a JSONL file gave: every line that made sense, and one error for each line that did not. A bad
 * line never hides the good ones.
 */
public record LoadResult<T>(List<T> items, List<LineError> errors) {
    public LoadResult {
        items = List.copyOf(items);
        errors = List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}

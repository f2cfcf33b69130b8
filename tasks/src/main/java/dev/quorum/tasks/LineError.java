package dev.quorum.tasks;

import java.nio.file.Path;

/**
 * Why one line of a JSONL file was skipped.
 *
 * @param file    the file read
 * @param line    1-based line number
 * @param field   the offending field (e.g. {@code FAIL_TO_PASS[2]}), or {@code <json>} when the line is not JSON
 * @param message what is wrong, in words a user can act on
 */
public record LineError(Path file, int line, String field, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}

package dev.quorum.repair;

/**
 * One textual change a template proposes: the characters {@code [begin, end)} of the file's text become
 * {@code replacement}. Text edits (not re-printing the whole tree) keep the file's formatting, so the diff shows
 * the one change.
 *
 * @param change what changed, for people, e.g. {@code a < b  →  a <= b}
 */
record Edit(String template, int begin, int end, String replacement, String change) {

    String applyTo(String text) {
        return text.substring(0, begin) + replacement + text.substring(end);
    }
}

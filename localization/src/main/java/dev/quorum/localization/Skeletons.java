package dev.quorum.localization;

import java.util.List;

/**
 * Renders files and methods with line numbers: a file as a skeleton (signatures, fields and declarations, bodies
 * replaced by {@code ...}), a method as its full text with some lines around it. Both stop at a character limit
 * and say so, so that a caller can fit them into a token budget.
 */
final class Skeletons {

    static final String ELISION = "...";
    static final String TRUNCATED = "... (truncated)\n";

    private Skeletons() {
    }

    /** The skeleton of a file; non-Java files and files without structure are shown from the top. */
    static String skeleton(IndexedFile file, int maxChars) {
        String[] lines = lines(file.source().text());
        StringBuilder out = new StringBuilder();
        int width = Integer.toString(lines.length).length();
        List<LineRange> bodies = file.bodies();
        List<LineRange> comments = file.comments();
        int b = 0;
        int c = 0;
        boolean lastWasBlank = false;
        for (int i = 1; i <= lines.length; i++) {
            while (b < bodies.size() && bodies.get(b).end() < i) b++;
            while (c < comments.size() && comments.get(c).end() < i) c++;
            String piece;
            if (b < bodies.size() && bodies.get(b).contains(i)) {
                LineRange body = bodies.get(b);
                piece = number(i, width) + indentOf(lines[i - 1]) + ELISION + "\n";
                i = body.end(); // skip the rest of the body
            } else if (c < comments.size() && comments.get(c).contains(i)) {
                continue;
            } else if (lines[i - 1].isBlank()) {
                if (lastWasBlank) continue;
                lastWasBlank = true;
                piece = "\n";
            } else {
                piece = number(i, width) + lines[i - 1] + "\n";
            }
            lastWasBlank = piece.equals("\n");
            if (out.length() + piece.length() + TRUNCATED.length() > maxChars) {
                out.append(TRUNCATED);
                return out.toString();
            }
            out.append(piece);
        }
        return out.toString();
    }

    /** Lines {@code range} of a file with {@code context} lines before and after. */
    static String excerpt(IndexedFile file, LineRange range, int context, int maxChars) {
        String[] lines = lines(file.source().text());
        int from = Math.max(1, range.start() - context);
        int to = Math.min(lines.length, range.end() + context);
        int width = Integer.toString(to).length();
        StringBuilder out = new StringBuilder();
        for (int i = from; i <= to; i++) {
            String piece = number(i, width) + lines[i - 1] + "\n";
            if (out.length() + piece.length() + TRUNCATED.length() > maxChars) {
                out.append(TRUNCATED);
                break;
            }
            out.append(piece);
        }
        return out.toString();
    }

    private static String[] lines(String text) {
        String[] lines = text.split("\r?\n", -1);
        // A final newline does not start another line.
        if (lines.length > 1 && lines[lines.length - 1].isEmpty()) {
            return java.util.Arrays.copyOf(lines, lines.length - 1);
        }
        return lines;
    }

    private static String number(int line, int width) {
        String n = Integer.toString(line);
        return " ".repeat(Math.max(0, width - n.length())) + n + "| ";
    }

    private static String indentOf(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
        return line.substring(0, i);
    }
}

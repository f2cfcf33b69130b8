package dev.quorum.core;

/** An issue to resolve: a title (may be empty) and the text a user wrote, hints optional. */
public record Issue(String title, String body, String hints) {
    public Issue {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        hints = hints == null ? "" : hints;
    }

    public String fullText() {
        StringBuilder sb = new StringBuilder();
        if (!title.isBlank()) sb.append(title).append("\n\n");
        sb.append(body);
        if (!hints.isBlank()) sb.append("\n\nHints:\n").append(hints);
        return sb.toString();
    }
}

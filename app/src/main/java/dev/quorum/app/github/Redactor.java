package dev.quorum.app.github;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of anything that leaves memory: log lines, the job database, run directories, and
 * text posted to GitHub. It removes the user-info part of URLs and anything shaped like a GitHub token.
 */
final class Redactor {
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@]+@");
    private static final Pattern GITHUB_TOKEN = Pattern.compile("\\bgh[pousr]_[A-Za-z0-9_]{16,}");

    private Redactor() {
    }

    /** The text with credentials in URLs, GitHub-shaped tokens and each of {@code secrets} replaced. */
    static String redact(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, "***");
            }
        }
        out = URL_USER_INFO.matcher(out).replaceAll("$1");
        return GITHUB_TOKEN.matcher(out).replaceAll("***");
    }
}

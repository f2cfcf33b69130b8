package dev.quorum.sandbox;

/**
 * A command's combined stdout and stderr, kept up to a cap.
 *
 * @param text       what was kept (the start of the output)
 * @param totalBytes how many bytes the command wrote in all
 * @param truncated  true when {@code text} is not all of it
 */
public record CapturedOutput(String text, long totalBytes, boolean truncated) {

    public static CapturedOutput empty() {
        return new CapturedOutput("", 0, false);
    }

    /** The text, with a note at the end when some of it was dropped. */
    public String textWithNote() {
        return truncated ? text + "\n[output truncated: kept " + text.length() + " of " + totalBytes + " bytes]" : text;
    }
}

package dev.quorum.agent;

/**
 * Text that a regular expression may read only until a deadline. Java's regex engine backtracks, and a pattern
 * like {@code (.*a){20}x} takes centuries on a line of sixty a's; the engine reads its input through
 * {@link #charAt}, so checking the clock there stops any match, however it is written, once time is up.
 */
final class TimedText implements CharSequence {
    /** The deadline passed while a pattern was being matched. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("time is up", null, false, false);
        }
    }

    private static final int CHECK_EVERY = 4096;

    private final CharSequence text;
    private final long deadlineNanos;
    private int reads;

    /** @param deadlineNanos a {@link System#nanoTime()} value */
    TimedText(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if (++reads % CHECK_EVERY == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new Expired();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new TimedText(text.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}

package dev.quorum.localization;

/**
 * Token estimates without a tokenizer: characters / 4, rounded up. For code and English in the tokenizers of
 * current models this is within about 20% and errs on the high side for identifier-heavy Java, which is the safe
 * side for a budget.
 */
final class Tokens {

    static final int CHARS_PER_TOKEN = 4;

    private Tokens() {
    }

    static int estimate(CharSequence text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    static int chars(int tokens) {
        return tokens * CHARS_PER_TOKEN;
    }
}

package dev.quorum.model;

import java.nio.charset.StandardCharsets;

/**
 * How many prompt tokens a request will be billed for, guessed from its text without a tokenizer (each provider
 * has its own, and none is needed for a budget). Byte-pair tokenizers such as OpenAI's o200k/cl100k and
 * Anthropic's average about 4 characters of English per token and 3 to 3.5 of source code; non-ASCII text (CJK,
 * emoji) takes about one token or more per character. So: every 3 ASCII characters count one token, every
 * other code point counts one. The estimate is taken on the encoded request body, whose JSON keys and escapes
 * stand in for the per-message framing tokens providers add; it errs high for typical code and prose.
 */
final class TokenEstimate {
    static final int ASCII_CHARS_PER_TOKEN = 3;

    private TokenEstimate() {
    }

    static long ofText(String text) {
        long ascii = 0;
        long other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp < 0x80) {
                ascii++;
            } else {
                other++;
            }
            i += Character.charCount(cp);
        }
        return (ascii + ASCII_CHARS_PER_TOKEN - 1) / ASCII_CHARS_PER_TOKEN + other;
    }

    static long ofBody(byte[] utf8Body) {
        return ofText(new String(utf8Body, StandardCharsets.UTF_8));
    }
}

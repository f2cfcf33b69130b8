package dev.quorum.localization;

import java.util.List;

/**
 * A method or constructor the issue is probably about.
 *
 * @param path      file that declares it
 * @param member    {@code com.acme.Foo#bar(int, String)}; constructors are named {@code <init>}
 * @param startLine first line (1-based, annotations included)
 * @param endLine   last line (inclusive)
 */
public record RankedMethod(String path, String member, int startLine, int endLine, double score,
                           List<MatchReason> why) {
    public RankedMethod {
        why = List.copyOf(why);
    }
}

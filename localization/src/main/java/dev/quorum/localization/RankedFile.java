package dev.quorum.localization;

import java.util.List;

/**
 * A file the issue is probably about.
 *
 * @param path  repository-relative path with forward slashes
 * @param test  whether it is test code
 * @param score BM25 plus issue-signal boosts; comparable only within one localization
 * @param why   what made it rank: matched terms, frames, names
 */
public record RankedFile(String path, boolean test, double score, List<MatchReason> why) {
    public RankedFile {
        why = List.copyOf(why);
    }
}

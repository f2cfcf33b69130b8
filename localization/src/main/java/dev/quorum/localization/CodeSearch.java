package dev.quorum.localization;

import dev.quorum.core.RepoRef;

/**
 * BM25 queries against one repository at one commit, for as many queries as a run makes (an agent's search tool):
 * the snapshot is read and indexed once, on the first query, and reused after.
 */
public interface CodeSearch {

    /** Files and methods ranked for a free-text query (no context block). */
    Localization search(String query);

    /** The BM25 index of {@code repo} at {@code commit}, built when first queried. Safe to share between threads. */
    static CodeSearch bm25(RepoRef repo, String commit) {
        return new Bm25CodeSearch(LocalizationRequest.of(repo, commit, "")
                .withOptions(LocalizationRequest.Options.defaults().withContextTokens(0)));
    }
}

package dev.quorum.localization;

import dev.quorum.model.ModelClient;

/**
 * The localization stage: given a repository at a commit and an issue, ranks the files and methods the issue is
 * about and renders them as compact context for a model.
 *
 * <p>Ranking is BM25 over code-aware tokens (Lucene), boosted by what the issue names outright: stack-trace
 * frames, class names, method names, quoted code and file paths. Files are read from Git objects (JGit), never
 * from a checkout, unless the request asks for the working copy.
 */
public interface Localizer {

    Localization localize(LocalizationRequest request);

    /** The BM25 localizer: no model, deterministic, in memory. */
    static Localizer bm25() {
        return new Bm25Localizer(Reranker.NONE);
    }

    /**
     * BM25, then a model reorders the top files given the issue and their skeletons. When the model fails, runs
     * out of budget or answers with something that is not a ranking, the BM25 order stands.
     */
    static Localizer withModelRerank(ModelClient model) {
        return new Bm25Localizer(new ModelReranker(model));
    }
}

package dev.quorum.localization;

import java.util.List;

/** Reorders the BM25 file ranking: {@link #NONE} keeps it, {@link ModelReranker} asks a model. */
interface Reranker {

    Reranker NONE = (issueText, candidates, index) -> candidates;

    /** Returns the candidates in a new order (may drop some, must not invent any). */
    List<RankedFile> rerank(String issueText, List<RankedFile> candidates, CodeIndex index);
}

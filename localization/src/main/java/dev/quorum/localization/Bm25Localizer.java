package dev.quorum.localization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

/** Read the snapshot, index it, rank by BM25 plus issue signals, optionally rerank, render the context. */
final class Bm25Localizer implements Localizer {

    static final String WORKING_COPY = "WORKING_COPY";

    private final Reranker reranker;

    Bm25Localizer(Reranker reranker) {
        this.reranker = reranker;
    }

    @Override
    public Localization localize(LocalizationRequest request) {
        Indexed indexed = index(request);
        return localize(indexed.index(), indexed.commit(), request.issueText(), request.options());
    }

    /** A snapshot's search index and the commit it was read at ({@link #WORKING_COPY} for the working copy). */
    record Indexed(SearchIndex index, String commit) {
    }

    /** Reads the request's snapshot and indexes it. */
    Indexed index(LocalizationRequest request) {
        LocalizationRequest.Options options = request.options();
        RepoSnapshotReader reader = new RepoSnapshotReader(options.extraExcludes(), options.maxFileBytes());
        List<SourceFile> sources;
        String commit;
        try (RepoAccess access = RepoAccess.open(request.repo())) {
            if (request.workingCopy()) {
                sources = reader.readWorkingCopy(access.repository());
                commit = WORKING_COPY;
            } else {
                RevCommit resolved = RepoSnapshotReader.resolveCommit(access.repository(), request.commit());
                sources = reader.readCommit(access.repository(), resolved);
                commit = resolved.getName();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + request.repo() + " at " + request.commit(), e);
        }
        return new Indexed(SearchIndex.build(CodeIndex.build(sources)), commit);
    }

    /** The part after indexing; the benchmark times it on its own. */
    Localization localize(SearchIndex index, String commit, String issueText, LocalizationRequest.Options options) {
        SearchIndex.Ranking ranking = index.search(issueText, options.topFiles(), options.topMethods());
        List<RankedFile> files = reranker.rerank(issueText, ranking.files(), index.code());
        ContextBlock context = ContextRenderer.render(index.code(), files, ranking.methods(), options.contextTokens(),
                options.contextLines());
        return new Localization(commit, files, ranking.methods(), context, index.code().files().size(),
                index.code().unparsedJavaFiles());
    }
}

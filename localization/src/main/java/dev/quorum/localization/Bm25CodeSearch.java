package dev.quorum.localization;

/** {@link CodeSearch} over one snapshot, indexed on the first query. */
final class Bm25CodeSearch implements CodeSearch {
    private final LocalizationRequest snapshot;
    private final Bm25Localizer localizer = new Bm25Localizer(Reranker.NONE);
    private Bm25Localizer.Indexed indexed;

    Bm25CodeSearch(LocalizationRequest snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public Localization search(String query) {
        Bm25Localizer.Indexed index = index();
        return localizer.localize(index.index(), index.commit(), query, snapshot.options());
    }

    private synchronized Bm25Localizer.Indexed index() {
        if (indexed == null) {
            indexed = localizer.index(snapshot);
        }
        return indexed;
    }
}

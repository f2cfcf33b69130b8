package dev.quorum.localization;

import dev.quorum.localization.MatchReason.Kind;
import dev.quorum.localization.SignalResolver.Boost;
import dev.quorum.localization.SignalResolver.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Two in-memory Lucene indexes over one {@link CodeIndex}: one document per file and one per method. A query is
 * the issue's terms, scored by BM25, plus the issue's direct pointers ({@link SignalResolver}) as constant-score
 * clauses on the exact path or member id. A file's score also takes a part of its best method's score, and a part
 * of the score of the best top file that uses it.
 */
final class SearchIndex {

    static final String PATH = "path";
    static final String MEMBER = "member";
    static final String CONTENT = "content";
    /** Path and declared names: a term there says more than the same term in a comment. */
    static final String DECLARED = "declared";
    static final String ORD = "ord";

    static final double DECLARED_WEIGHT = 1.5;
    /** Test code is rarely what a fix changes; its score is scaled by this. */
    static final double TEST_FACTOR = 0.5;
    /** A method shares this part of its file's score, so methods of a likely file rise together. */
    static final double FILE_SHARE = 0.3;
    /** A file used by one of the top files gets this part of that file's score (of the best such file). */
    static final double REFERENCE_SHARE = 0.35;
    /** How many top main files pass score on to the files they use. */
    static final int REFERENCE_SOURCES = 3;
    /** Documentation and build files are rarely what a fix changes. */
    static final double NON_CODE_FACTOR = 0.4;
    /** A file's score adds this part of its best method's BM25 score. */
    static final double METHOD_EVIDENCE = 0.5;
    /** How many method hits the per-file best method is read from. */
    static final int METHOD_EVIDENCE_HITS = 500;
    static final int MAX_QUERY_TERMS = 300;
    static final int MAX_BOOST_KEYS = 200;
    static final int TERMS_SHOWN = 6;

    /** A method document: the file that declares it and the method. */
    record MethodRef(IndexedFile file, IndexedFile.Method method) {
    }

    /** Scores and reasons, best first. */
    record Ranking(List<RankedFile> files, List<RankedMethod> methods) {
    }

    private final CodeIndex code;
    private final List<MethodRef> methods;
    private final Analyzer analyzer = new CodeAnalyzer();
    private final IndexSearcher fileSearcher;
    private final IndexSearcher methodSearcher;

    private SearchIndex(CodeIndex code, List<MethodRef> methods, IndexSearcher files, IndexSearcher methodSearcher) {
        this.code = code;
        this.methods = methods;
        this.fileSearcher = files;
        this.methodSearcher = methodSearcher;
    }

    static SearchIndex build(CodeIndex code) {
        try {
            Analyzer analyzer = new CodeAnalyzer();
            ByteBuffersDirectory fileDir = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(fileDir, config(analyzer))) {
                List<IndexedFile> files = code.files();
                for (int ord = 0; ord < files.size(); ord++) {
                    IndexedFile f = files.get(ord);
                    Document doc = new Document();
                    doc.add(new StringField(PATH, f.path(), Field.Store.NO));
                    doc.add(new NumericDocValuesField(ORD, ord));
                    doc.add(new TextField(CONTENT, f.source().text(), Field.Store.NO));
                    doc.add(new TextField(DECLARED, declaredNames(f), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            List<MethodRef> methods = new ArrayList<>();
            ByteBuffersDirectory methodDir = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(methodDir, config(analyzer))) {
                for (IndexedFile f : code.files()) {
                    String[] lines = f.methods().isEmpty() ? new String[0] : f.source().text().split("\n", -1);
                    for (IndexedFile.Method m : f.methods()) {
                        Document doc = new Document();
                        doc.add(new StringField(MEMBER, m.memberId(), Field.Store.NO));
                        doc.add(new NumericDocValuesField(ORD, methods.size()));
                        doc.add(new TextField(CONTENT, linesOf(lines, m.lines()), Field.Store.NO));
                        doc.add(new TextField(DECLARED, m.owner() + " " + m.name(), Field.Store.NO));
                        writer.addDocument(doc);
                        methods.add(new MethodRef(f, m));
                    }
                }
            }
            return new SearchIndex(code, List.copyOf(methods), searcher(fileDir), searcher(methodDir));
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory index failed", e);
        }
    }

    CodeIndex code() {
        return code;
    }

    Ranking search(String issueText, int topFiles, int topMethods) {
        IssueSignals signals = IssueSignals.parse(issueText);
        Map<String, Double> terms = queryTerms(signals.withoutFrames(), signals.quotedCode());
        List<Boost> boosts = SignalResolver.resolve(signals, code);
        try {
            Map<String, Double> fileScores = new HashMap<>();
            Map<String, Double> bestMethod = bestMethodPerFile(terms);
            List<RankedFile> files = rankFiles(terms, boosts, topFiles, fileScores, bestMethod);
            List<RankedMethod> rankedMethods = topMethods == 0 ? List.of()
                    : rankMethods(terms, boosts, topMethods, fileScores);
            return new Ranking(files, rankedMethods);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory search failed", e);
        }
    }

    /**
     * Per file, the BM25 score of its best-matching method, on the issue's words alone. A file-level score cannot
     * tell the issue's words gathered in one method from the same words strewn over a long file; the best method can
     * (BRTracer scores a file by its best segment for the same reason). Files without a matching method among the top
     * hits get none.
     */
    private Map<String, Double> bestMethodPerFile(Map<String, Double> terms) throws IOException {
        Query query = query(terms, List.of(), Target.METHOD, MEMBER);
        Map<String, Double> best = new HashMap<>();
        for (ScoreDoc hit : methodSearcher.search(query, METHOD_EVIDENCE_HITS).scoreDocs) {
            MethodRef ref = methods.get(ord(methodSearcher, hit.doc));
            best.merge(ref.file().path(), (double) hit.score, Math::max);
        }
        return best;
    }

    private List<RankedFile> rankFiles(Map<String, Double> terms, List<Boost> boosts, int top,
                                       Map<String, Double> scoresOut, Map<String, Double> bestMethod) throws IOException {
        Query query = query(terms, boosts, Target.FILE, PATH);
        ScoreDoc[] hits = fileSearcher.search(query, Math.max(top * 3, 50)).scoreDocs;
        Map<String, Integer> docs = new HashMap<>();
        Map<String, Double> base = new LinkedHashMap<>();
        for (ScoreDoc hit : hits) {
            IndexedFile f = code.files().get(ord(fileSearcher, hit.doc));
            docs.put(f.path(), hit.doc);
            base.put(f.path(), (hit.score + METHOD_EVIDENCE * bestMethod.getOrDefault(f.path(), 0.0)) * factor(f));
        }
        // Pass score down the "uses" edges of the top main files, from the scores before any was passed. A file used
        // by several top files gets the largest share, not the sum: the types everything uses (exceptions, formats,
        // value records) would otherwise collect a share from every user and outrank the one a single caller
        // delegates the work to.
        Map<String, Double> scores = new HashMap<>(base);
        Map<String, List<MatchReason>> usedBy = new HashMap<>();
        Map<String, Double> passed = new HashMap<>();
        base.entrySet().stream()
                .filter(e -> !code.file(e.getKey()).orElseThrow().test())
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(REFERENCE_SOURCES)
                .forEach(source -> {
                    for (String used : code.referencedBy(source.getKey())) {
                        passed.merge(used, REFERENCE_SHARE * source.getValue() * factor(code.file(used).orElseThrow()),
                                Math::max);
                        usedBy.computeIfAbsent(used, k -> new ArrayList<>())
                                .add(new MatchReason(Kind.REFERENCED_BY, source.getKey()));
                    }
                });
        passed.forEach((k, v) -> scores.merge(k, v, Double::sum));
        scoresOut.putAll(scores);
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<String, Double>> shown = ranked.subList(0, Math.min(top, ranked.size()));
        Map<Integer, List<String>> matched = termsIn(fileSearcher,
                shown.stream().map(Map.Entry::getKey).filter(docs::containsKey).map(docs::get).toList(), terms);
        List<RankedFile> out = new ArrayList<>();
        for (Map.Entry<String, Double> r : shown) {
            IndexedFile f = code.file(r.getKey()).orElseThrow();
            List<MatchReason> why = new ArrayList<>(docs.containsKey(f.path())
                    ? reasons(boosts, Target.FILE, f.path(), matched.get(docs.get(f.path())), terms, fileSearcher)
                    : List.of());
            why.addAll(usedBy.getOrDefault(f.path(), List.of()));
            out.add(new RankedFile(f.path(), f.test(), r.getValue(), why));
        }
        return out;
    }

    private List<RankedMethod> rankMethods(Map<String, Double> terms, List<Boost> boosts, int top,
                                           Map<String, Double> fileScores) throws IOException {
        Query query = query(terms, boosts, Target.METHOD, MEMBER);
        ScoreDoc[] hits = methodSearcher.search(query, Math.max(top * 3, 100)).scoreDocs;
        record Scored(MethodRef ref, int doc, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (ScoreDoc hit : hits) {
            MethodRef ref = methods.get(ord(methodSearcher, hit.doc));
            double own = hit.score * factor(ref.file());
            scored.add(new Scored(ref, hit.doc, own + FILE_SHARE * fileScores.getOrDefault(ref.file().path(), 0.0)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<Scored> shown = scored.subList(0, Math.min(top, scored.size()));
        Map<Integer, List<String>> matched = termsIn(methodSearcher, shown.stream().map(Scored::doc).toList(), terms);
        List<RankedMethod> out = new ArrayList<>();
        for (Scored s : shown) {
            IndexedFile.Method m = s.ref().method();
            out.add(new RankedMethod(s.ref().file().path(), m.memberId(), m.lines().start(), m.lines().end(),
                    s.score(), reasons(boosts, Target.METHOD, m.memberId(), matched.get(s.doc()), terms, methodSearcher)));
        }
        return out;
    }

    private static double factor(IndexedFile f) {
        return (f.test() ? TEST_FACTOR : 1.0) * (isCode(f.path()) ? 1.0 : NON_CODE_FACTOR);
    }

    private static boolean isCode(String path) {
        return path.endsWith(".java") || path.endsWith(".kt") || path.endsWith(".groovy") || path.endsWith(".scala")
                || path.endsWith(".js") || path.endsWith(".ts");
    }

    private Query query(Map<String, Double> terms, List<Boost> boosts, Target target, String keyField) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (Map.Entry<String, Double> t : terms.entrySet()) {
            float weight = t.getValue().floatValue();
            query.add(new BoostQuery(new TermQuery(new Term(CONTENT, t.getKey())), weight), Occur.SHOULD);
            query.add(new BoostQuery(new TermQuery(new Term(DECLARED, t.getKey())),
                    (float) (weight * DECLARED_WEIGHT)), Occur.SHOULD);
        }
        Map<String, Double> perKey = new LinkedHashMap<>();
        for (Boost b : boosts) {
            if (b.target() == target) perKey.merge(b.key(), b.weight(), Double::sum);
        }
        perKey.entrySet().stream().limit(MAX_BOOST_KEYS).forEach(e -> query.add(new BoostQuery(
                new ConstantScoreQuery(new TermQuery(new Term(keyField, e.getKey()))), e.getValue().floatValue()),
                Occur.SHOULD));
        return query.build();
    }

    /** Issue terms weighted 1 + ln(count); terms in quoted code count twice. The rarest-looking are not favoured here: BM25's idf does that. */
    private Map<String, Double> queryTerms(String issueText, String quotedCode) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : analyze(issueText)) counts.merge(t, 1, Integer::sum);
        for (String t : analyze(quotedCode)) counts.merge(t, 1, Integer::sum);
        Map<String, Double> weights = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(MAX_QUERY_TERMS)
                .forEach(e -> weights.put(e.getKey(), 1.0 + Math.log(e.getValue())));
        return weights;
    }

    private List<MatchReason> reasons(List<Boost> boosts, Target target, String key, List<String> matchedTerms,
                                      Map<String, Double> terms, IndexSearcher searcher) throws IOException {
        Set<MatchReason> reasons = new LinkedHashSet<>();
        for (Boost b : boosts) {
            if (b.target() == target && b.key().equals(key)) reasons.add(b.reason());
        }
        List<String> matched = new ArrayList<>(matchedTerms == null ? List.of() : matchedTerms);
        int docs = Math.max(1, searcher.getIndexReader().numDocs());
        Map<String, Double> importance = new HashMap<>();
        for (String t : matched) {
            int df = searcher.getIndexReader().docFreq(new Term(CONTENT, t));
            importance.put(t, terms.get(t) * Math.log(1.0 + (double) docs / Math.max(1, df)));
        }
        matched.sort(Comparator.comparingDouble((String t) -> importance.get(t)).reversed());
        if (!matched.isEmpty()) {
            reasons.add(new MatchReason(Kind.TERMS, String.join(", ", matched.subList(0, Math.min(TERMS_SHOWN, matched.size())))));
        }
        return List.copyOf(reasons);
    }

    /**
     * Which query terms occur in each of the given documents' content, in query order: per term one postings walk
     * over the (sorted) documents, rather than a dictionary lookup per term and document.
     */
    private static Map<Integer, List<String>> termsIn(IndexSearcher searcher, List<Integer> docs,
                                                      Map<String, Double> terms) throws IOException {
        Map<Integer, List<String>> out = new HashMap<>();
        docs.forEach(d -> out.put(d, new ArrayList<>()));
        List<Integer> sorted = docs.stream().distinct().sorted().toList();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            int end = leaf.docBase + leaf.reader().maxDoc();
            List<Integer> here = sorted.stream().filter(d -> d >= leaf.docBase && d < end).toList();
            if (here.isEmpty()) continue;
            TermsEnum dictionary = leaf.reader().terms(CONTENT) == null ? null : leaf.reader().terms(CONTENT).iterator();
            if (dictionary == null) continue;
            for (String t : terms.keySet()) {
                if (!dictionary.seekExact(new BytesRef(t))) continue;
                PostingsEnum postings = dictionary.postings(null, PostingsEnum.NONE);
                for (int doc : here) {
                    int local = doc - leaf.docBase;
                    int at = postings.docID() >= local ? postings.docID() : postings.advance(local);
                    if (at == PostingsEnum.NO_MORE_DOCS) break;
                    if (at == local) out.get(doc).add(t);
                }
            }
        }
        return out;
    }

    private List<String> analyze(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(CONTENT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) out.add(term.toString());
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The position in our own lists; a doc value, as reading stored fields costs a block decompression per hit. */
    private static int ord(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        NumericDocValues ords = leaf.reader().getNumericDocValues(ORD);
        if (ords == null || !ords.advanceExact(doc - leaf.docBase)) {
            throw new IllegalStateException("document " + doc + " has no " + ORD);
        }
        return (int) ords.longValue();
    }

    private static String declaredNames(IndexedFile f) {
        StringBuilder sb = new StringBuilder(f.path().replace('/', ' '));
        for (IndexedFile.Type t : f.types()) sb.append(' ').append(t.simpleName());
        for (IndexedFile.Method m : f.methods()) sb.append(' ').append(m.name());
        for (IndexedFile.Field fd : f.fields()) sb.append(' ').append(fd.name());
        return sb.toString();
    }

    static String linesOf(String[] lines, LineRange range) {
        StringBuilder sb = new StringBuilder();
        for (int i = range.start(); i <= Math.min(range.end(), lines.length); i++) sb.append(lines[i - 1]).append('\n');
        return sb.toString();
    }

    /**
     * BM25 with weaker length normalization than the usual b = 0.75: in bug localization larger files are the more
     * likely to hold a bug (BugLocator's rVSM rewards length outright), while plain BM25 favours short files such as
     * small records and exception classes.
     */
    static final float K1 = 1.2f;
    static final float B = 0.4f;

    private static BM25Similarity similarity() {
        return new BM25Similarity(K1, B);
    }

    private static IndexWriterConfig config(Analyzer analyzer) {
        return new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64)
                .setSimilarity(similarity());
    }

    private static IndexSearcher searcher(ByteBuffersDirectory dir) throws IOException {
        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
        searcher.setSimilarity(similarity());
        return searcher;
    }
}

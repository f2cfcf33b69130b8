package dev.quorum.localization;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Tokenizes code and issue text alike. An identifier, dotted name or path is kept whole AND split into its
 * parts, so that {@code com.acme.HttpClient.sendRequest} matches a query for the full name, for
 * {@code HttpClient}, for {@code sendRequest}, and for {@code request}. All terms are lower case; English
 * stop words and the commonest Java keywords are dropped, as they say nothing about where a bug is.
 */
final class CodeAnalyzer extends Analyzer {

    /** Identifiers, optionally dotted ({@code a.b.C}); numbers and punctuation are not terms. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(?:\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern CASE_BOUNDARY = Pattern.compile(
            "(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|[_$]+");
    private static final int MIN_TERM_LENGTH = 2;

    static final CharArraySet STOP_WORDS = stopWords();

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new PatternTokenizer(TOKEN, 0);
        // KStem, the gentle English stemmer: "fields"/"field", "quoted"/"quote" meet; identifiers stay readable.
        TokenStream stream = new KStemFilter(new StopFilter(new SplittingFilter(tokenizer), STOP_WORDS));
        return new TokenStreamComponents(tokenizer, stream);
    }

    /** The terms one raw token yields: itself, its dotted segments, and their camelCase / snake_case parts. */
    static List<String> variants(String token) {
        Set<String> out = new LinkedHashSet<>();
        add(out, token);
        String[] segments = token.split("\\.");
        for (String segment : segments) {
            if (segments.length > 1) add(out, segment);
            String[] parts = CASE_BOUNDARY.split(segment);
            if (parts.length > 1) {
                for (String part : parts) add(out, part);
            }
        }
        return new ArrayList<>(out);
    }

    private static void add(Set<String> out, String term) {
        if (term.length() >= MIN_TERM_LENGTH) out.add(term.toLowerCase(Locale.ROOT));
    }

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        set.addAll(List.of("public", "private", "protected", "static", "final", "void", "return", "import",
                "package", "class", "new", "this", "null", "true", "false", "int", "boolean", "string", "java",
                "get", "set", "is", "it", "we", "i", "you", "when", "should", "would", "can", "do", "does",
                "from", "has", "have", "but", "so", "also", "which", "what", "how", "any", "all"));
        return CharArraySet.unmodifiableSet(set);
    }

    /** Emits each variant of a token at the token's position (increment 0), like synonyms. */
    private static final class SplittingFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private final Deque<String> pending = new ArrayDeque<>();
        private State state;

        SplittingFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!pending.isEmpty()) {
                restoreState(state);
                term.setEmpty().append(pending.poll());
                position.setPositionIncrement(0);
                return true;
            }
            while (input.incrementToken()) {
                List<String> variants = variants(term.toString());
                if (variants.isEmpty()) continue;
                term.setEmpty().append(variants.get(0));
                if (variants.size() > 1) {
                    pending.addAll(variants.subList(1, variants.size()));
                    state = captureState();
                }
                return true;
            }
            return false;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending.clear();
            state = null;
        }
    }
}

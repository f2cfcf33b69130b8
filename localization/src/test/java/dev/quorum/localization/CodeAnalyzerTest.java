package dev.quorum.localization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class CodeAnalyzerTest {

    private static List<String> terms(String text) throws Exception {
        List<String> out = new ArrayList<>();
        try (CodeAnalyzer analyzer = new CodeAnalyzer(); TokenStream s = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = s.addAttribute(CharTermAttribute.class);
            s.reset();
            while (s.incrementToken()) out.add(term.toString());
            s.end();
        }
        return out;
    }

    @Test
    void dottedCamelAndSnakeNamesAreKeptWholeAndSplit() throws Exception {
        assertThat(terms("com.acme.HttpClient.sendRequest")).contains(
                "com.acme.httpclient.sendrequest", "com", "acme", "httpclient", "sendrequest",
                "http", "client", "send", "request");
        assertThat(terms("MAX_RETRY_COUNT parseHTTPRequest")).contains(
                "max_retry_count", "max", "retry", "count", "parsehttprequest", "parse", "http", "request");
    }

    @Test
    void stopWordsAndNumbersAreDroppedAndWordsStemmed() throws Exception {
        assertThat(terms("the parser is not returning 42 when it should"))
                .containsExactly("parse", "return");
    }
}

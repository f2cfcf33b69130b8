package dev.quorum.localization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SkeletonsTest {

    private final IndexedFile parser = new JavaIndexer()
            .index(new SourceFile("src/main/java/com/acme/text/ConfigParser.java", Fixtures.PARSER));

    @Test
    void skeletonKeepsSignaturesAndFieldsWithLineNumbersAndDropsBodiesAndComments() {
        String skeleton = Skeletons.skeleton(parser, 10_000);

        assertThat(skeleton)
                .contains(" 9| public class ConfigParser {")
                .contains("11|     private final char separator;")
                .contains("18|     public Entry parseLine(String line) {")
                .contains("19|         ...")
                .contains("23|     }")
                .contains("public List<Entry> parseAll(List<String> lines) {")
                .contains("public record Entry(String key, String value) {")
                .doesNotContain("indexOf")
                .doesNotContain("Splits configuration")
                .doesNotContain("blank lines give null");
        assertThat(skeleton.length()).isLessThan(Fixtures.PARSER.length());
    }

    @Test
    void excerptShowsTheWholeMethodWithContextLines() {
        String excerpt = Skeletons.excerpt(parser, new LineRange(18, 23), 2, 10_000);

        assertThat(excerpt.lines().toList()).hasSize(10);
        assertThat(excerpt).startsWith("16| ").contains("20|         String key = line.substring(0, at);")
                .endsWith("25|     public List<Entry> parseAll(List<String> lines) {\n");
    }

    @Test
    void renderingStopsAtTheCharacterLimitAndSaysSo() {
        String skeleton = Skeletons.skeleton(parser, 120);
        String excerpt = Skeletons.excerpt(parser, new LineRange(1, 40), 0, 120);

        assertThat(skeleton.length()).isLessThanOrEqualTo(120);
        assertThat(skeleton).endsWith(Skeletons.TRUNCATED);
        assertThat(excerpt.length()).isLessThanOrEqualTo(120);
        assertThat(excerpt).endsWith(Skeletons.TRUNCATED);
        assertThat(Tokens.estimate("abcde")).isEqualTo(2);
    }
}

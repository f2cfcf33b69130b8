package dev.quorum.localization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.RepoRef;
import dev.quorum.localization.MatchReason.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalizerTest {

    private static final String PARSER_PATH = "src/main/java/com/acme/text/ConfigParser.java";
    private static final String STACK_TRACE_ISSUE = """
            Loading a config crashes when a line has no '=' in it

            java.lang.StringIndexOutOfBoundsException: begin 0, end -1, length 5
            \tat java.base/java.lang.String.checkBoundsBeginEnd(String.java:4606)
            \tat java.base/java.lang.String.substring(String.java:2709)
            \tat com.acme.text.ConfigParser.parseLine(ConfigParser.java:20)
            \tat com.acme.text.ConfigParser.parseAll(ConfigParser.java:28)
            \tat com.acme.config.ConfigLoader.load(ConfigLoader.java:10)
            \tat com.acme.App.main(App.java:8)
            """;

    @TempDir
    Path tmp;

    private final Localizer localizer = Localizer.bm25();

    private Path smallRepo() throws Exception {
        Path dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.writeAll(Fixtures.smallProject())
                    .write("src/main/java/com/acme/broken/HalfWritten.java", Fixtures.BROKEN);
            repo.commit("initial");
        }
        return dir;
    }

    @Test
    void aShallowCiCheckoutLocalizesLikeAFullClone() throws Exception {
        Path full = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(full)) {
            repo.writeAll(Fixtures.smallProject()).commit("initial");
            repo.write("README.md", "second commit, so that the shallow clone lacks history\n").commit("readme");
        }
        Path shallow = tmp.resolve("ci-checkout");
        Process clone = new ProcessBuilder("git", "clone", "--quiet", "--depth", "1", full.toUri().toString(),
                shallow.toString()).redirectErrorStream(true).start();
        String cloneOutput = new String(clone.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(clone.waitFor()).as(cloneOutput).isZero();
        assertThat(shallow.resolve(".git/shallow")).exists();

        Localization fromShallow = localizer.localize(LocalizationRequest.of(
                RepoRef.fromUserInput(shallow.toString()), "HEAD", STACK_TRACE_ISSUE));
        Localization fromFull = localizer.localize(LocalizationRequest.of(
                RepoRef.fromUserInput(full.toString()), "HEAD", STACK_TRACE_ISSUE));

        Localization fromFileUrl = localizer.localize(LocalizationRequest.of(
                new RepoRef(shallow.toUri().toString()), "HEAD", STACK_TRACE_ISSUE));

        assertThat(fromShallow.commit()).isEqualTo(fromFull.commit());
        assertThat(fromFileUrl.files()).isEqualTo(fromFull.files());
        assertThat(fromShallow.files()).isEqualTo(fromFull.files());
        assertThat(fromShallow.files().get(0).path()).isEqualTo(PARSER_PATH);
    }

    @Test
    void aStackTraceIssuePutsTheThrowingMethodAndItsFileFirst() throws Exception {
        Localization result = localizer.localize(
                LocalizationRequest.of(new RepoRef(smallRepo().toString()), "HEAD", STACK_TRACE_ISSUE));

        assertThat(result.files().get(0).path()).isEqualTo(PARSER_PATH);
        assertThat(result.files().get(0).why()).extracting(MatchReason::kind).contains(Kind.STACK_FRAME);
        RankedMethod first = result.methods().get(0);
        assertThat(first.member()).isEqualTo("com.acme.text.ConfigParser#parseLine(String)");
        assertThat(first.path()).isEqualTo(PARSER_PATH);
        assertThat(first.startLine()).isEqualTo(18);
        assertThat(first.endLine()).isEqualTo(23);
        assertThat(first.why()).contains(new MatchReason(Kind.STACK_FRAME,
                "com.acme.text.ConfigParser.parseLine(ConfigParser.java:20)"));
        assertThat(result.methods().get(1).member()).isEqualTo("com.acme.text.ConfigParser#parseAll(List<String>)");
        assertThat(result.commit()).hasSize(40);
        assertThat(result.context().text()).contains("### " + PARSER_PATH)
                .contains("20|         String key = line.substring(0, at);");
        assertThat(result.context().estimatedTokens()).isLessThanOrEqualTo(result.context().tokenBudget());
    }

    @Test
    void aFileWithASyntaxErrorDoesNotBreakIndexingAndIsReported() throws Exception {
        Localization result = localizer.localize(LocalizationRequest.of(new RepoRef(smallRepo().toString()), null,
                "HalfWritten.broken() does not compile"));

        assertThat(result.indexedFiles()).isEqualTo(6);
        assertThat(result.unparsedFiles()).containsExactly("src/main/java/com/acme/broken/HalfWritten.java");
        assertThat(result.files().get(0).path()).isEqualTo("src/main/java/com/acme/broken/HalfWritten.java");
        assertThat(result.methods().get(0).member()).isEqualTo("com.acme.broken.HalfWritten#broken()");
        assertThat(result.context().text()).contains("(not parsed: indexed as text)");
    }

    @Test
    void namedMethodsAndMentionedTestsPointAtMainCode() throws Exception {
        Path repo = smallRepo();
        Localization byMethod = localizer.localize(LocalizationRequest.of(new RepoRef(repo.toString()), null,
                "`HttpRetry#shouldRetry` retries on 501 Not Implemented, which never succeeds"));
        assertThat(byMethod.files().get(0).path()).isEqualTo("src/main/java/com/acme/net/HttpRetry.java");
        assertThat(byMethod.methods().get(0).member()).isEqualTo("com.acme.net.HttpRetry#shouldRetry(int)");
        assertThat(byMethod.methods().get(0).why()).extracting(MatchReason::kind).contains(Kind.METHOD_NAME);

        Localization byTest = localizer.localize(LocalizationRequest.of(new RepoRef(repo.toString()), null,
                "ConfigParserTest fails after upgrading"));
        assertThat(byTest.files().get(0).path()).isEqualTo(PARSER_PATH);
        assertThat(byTest.files().get(0).why()).extracting(MatchReason::kind).contains(Kind.TESTED_BY);
    }

    @Test
    void workingCopyAndUrlRepositoriesAreRead() throws Exception {
        Path repo = smallRepo();
        Localization viaUrl = localizer.localize(LocalizationRequest.of(new RepoRef(repo.toUri().toString()), null,
                STACK_TRACE_ISSUE));
        assertThat(viaUrl.files().get(0).path()).isEqualTo(PARSER_PATH);

        // Written to disk only: not added, not committed.
        java.nio.file.Files.writeString(repo.resolve("src/main/java/com/acme/net/Throttle.java"), """
                package com.acme.net;
                public class Throttle {
                    public void pauseBetweenBursts() { }
                }
                """);
        String issue = "pauseBetweenBursts() never pauses";
        Localization committed = localizer.localize(LocalizationRequest.of(new RepoRef(repo.toString()), null, issue));
        Localization working = localizer.localize(
                LocalizationRequest.of(new RepoRef(repo.toString()), null, issue).withWorkingCopy(true));
        assertThat(committed.files()).extracting(RankedFile::path).doesNotContain("src/main/java/com/acme/net/Throttle.java");
        assertThat(working.commit()).isEqualTo("WORKING_COPY");
        assertThat(working.files().get(0).path()).isEqualTo("src/main/java/com/acme/net/Throttle.java");
    }

    @Test
    void theContextBlockFitsATightBudget() throws Exception {
        LocalizationRequest request = LocalizationRequest.of(new RepoRef(smallRepo().toString()), null,
                STACK_TRACE_ISSUE);
        Localization result = localizer.localize(request.withOptions(
                LocalizationRequest.Options.defaults().withContextTokens(150)));

        assertThat(result.context().estimatedTokens()).isLessThanOrEqualTo(150).isPositive();
        assertThat(result.context().text().length()).isLessThanOrEqualTo(150 * Tokens.CHARS_PER_TOKEN);
        assertThat(result.context().paths()).first().isEqualTo(PARSER_PATH);
    }

    /** Functional only: how long it takes is {@code bench/localizer-scale.sh}'s to say (docs/BENCHMARKS.md). */
    @Test
    void aRepositoryWithThousandsOfFilesIndexes() throws Exception {
        Path dir = tmp.resolve("big.git");
        TestRepo.bareWith(dir, Fixtures.generated(2_000));
        Localization result = localizer.localize(LocalizationRequest.of(new RepoRef(dir.toString()), null,
                LocalizerScaleBench.ISSUE));

        assertThat(result.indexedFiles()).isEqualTo(2_000);
        assertThat(result.files().get(0).path()).endsWith(LocalizerScaleBench.TARGET);
    }
}

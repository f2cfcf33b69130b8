package dev.quorum.localization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.RepoRef;
import dev.quorum.localization.MatchReason.Kind;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRerankTest {

    private static final String LOADER = "src/main/java/com/acme/config/ConfigLoader.java";
    private static final String PARSER = "src/main/java/com/acme/text/ConfigParser.java";
    private static final String ISSUE = "ConfigLoader.load miscounts entries: ConfigParser splits on the wrong separator";

    private final ScriptedModelServer server = ScriptedModelServer.start();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        server.close();
    }

    private Localization localize(Path repo) {
        Localizer localizer = Localizer.withModelRerank(
                ModelClients.fromSettings(server.settings(ModelRef.Provider.OPENAI, "gpt-test")));
        return localizer.localize(LocalizationRequest.of(new RepoRef(repo.toString()), null, ISSUE));
    }

    private Path repo() throws Exception {
        Path dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.writeAll(Fixtures.smallProject());
            repo.commit("initial");
        }
        return dir;
    }

    @Test
    void theModelsOrderWinsAndIsExplained() throws Exception {
        Path repo = repo();
        List<String> bm25 = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(repo.toString()), null, ISSUE))
                .files().stream().map(RankedFile::path).toList();
        String last = bm25.get(bm25.size() - 1);
        server.enqueue(ScriptedReply.text("Most likely first:\n[\"" + last + "\", \"not/in/the/list.java\"]"));

        Localization result = localize(repo);

        assertThat(result.files()).extracting(RankedFile::path).hasSameElementsAs(bm25).first().isEqualTo(last);
        assertThat(result.files().get(0).why()).extracting(MatchReason::kind).contains(Kind.MODEL_RERANK);
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).lastUserText()).contains(ISSUE).contains("### " + PARSER)
                .contains("public Entry parseLine(String line) {");
    }

    @Test
    void anUnusableAnswerOrAFailedCallKeepsTheBm25Order() throws Exception {
        Path repo = repo();
        List<String> bm25 = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(repo.toString()), null, ISSUE))
                .files().stream().map(RankedFile::path).toList();
        assertThat(bm25).contains(LOADER, PARSER);

        server.enqueue(ScriptedReply.text("I think it is the parser."));
        assertThat(localize(repo).files()).extracting(RankedFile::path).containsExactlyElementsOf(bm25);

        server.otherwise(ScriptedReply.error(401, "bad key"));
        assertThat(localize(repo).files()).extracting(RankedFile::path).containsExactlyElementsOf(bm25);
    }
}

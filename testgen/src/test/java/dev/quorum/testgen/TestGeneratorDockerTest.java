package dev.quorum.testgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.localization.Localization;
import dev.quorum.localization.LocalizationRequest;
import dev.quorum.localization.Localizer;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.FixtureTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reproduction and regression tests on a real fixture repository, in real sandboxes. */
class TestGeneratorDockerTest {
    @TempDir
    static Path fixtures;
    static Task task;
    static Path repo;
    static String image;
    static Localization localization;
    final ScriptedModelServer server = ScriptedModelServer.start();

    @BeforeAll
    static void fixture() throws Exception {
        task = FixtureTasks.materialize(fixtures).stream().filter(t -> t.instanceId().equals("acme__strkit-12"))
                .findFirst().orElseThrow();
        repo = Path.of(task.repo().spec());
        image = DockerTestEnvironment.get().env(repo, task.build()).tag();
        localization = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(repo.toString()),
                task.baseCommit(), task.problemStatement()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestGenerator generator() {
        ModelClient client = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        return TestGenerator.create(client, DockerTestEnvironment.get().provider(), TestRunner.maven());
    }

    /** Every answer names its class AbbreviatorEmojiTest: the generator must keep them apart. */
    private static ScriptedReply answer(String body) {
        return ScriptedReply.text("Here is the test:\n```java\npackage com.acme.strkit;\n\n"
                + "import static org.junit.jupiter.api.Assertions.assertEquals;\nimport org.junit.jupiter.api.Test;\n\n"
                + "class AbbreviatorEmojiTest {\n    @Test\n    void reproduces() {\n        " + body + "\n    }\n}\n```\n");
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void keepsOnlyTestsThatFailOnBaseForTheRightReason() {
        server.enqueue(
                answer("assertEquals(\"\\uD83D\\uDE80 deploy\", Abbreviator.abbreviate(\"\\uD83D\\uDE80 deploy\", 8));"),
                answer("assertEquals(\"x\", Abbreviator.shorten(\"x\"));"),
                answer("assertEquals(\"abc\", Abbreviator.abbreviate(\"abc\", 6));"),
                answer("String none = null; assertEquals(4, none.length());"),
                ScriptedReply.text("I cannot write a test for this."));

        Reproductions result = generator().reproduce(new ReproductionRequest(repo, task.issue(), localization,
                task.build(), image, 5, Duration.ofMinutes(4)));

        assertThat(result.kept()).hasSize(1);
        ReproductionTest kept = result.kept().getFirst();
        assertThat(kept.ids()).hasSize(1);
        TestId id = kept.ids().getFirst();
        assertThat(id.className()).startsWith("com.acme.strkit.AbbreviatorEmojiTest");
        assertThat(id.method()).isEqualTo("reproduces");
        assertThat(kept.failureOnBase().get(id).status()).isEqualTo(TestStatus.FAILED);
        assertThat(kept.failureOnBase().get(id).exceptionType()).contains("AssertionFailedError");
        assertThat(kept.testPatch().files()).singleElement().satisfies(f -> assertThat(f.isNew()).isTrue());
        assertThat(result.rejected()).extracting(RejectedTest::reason).containsExactlyInAnyOrder(
                RejectedTest.Reason.DOES_NOT_COMPILE, RejectedTest.Reason.PASSES_ON_BASE,
                RejectedTest.Reason.UNRELATED_ERROR, RejectedTest.Reason.NO_TEST_IN_ANSWER);
        assertThat(result.rejected()).filteredOn(r -> r.reason() == RejectedTest.Reason.DOES_NOT_COMPILE)
                .singleElement().satisfies(r -> assertThat(r.detail()).contains("shorten"));
        assertThat(result.rejected()).filteredOn(r -> r.reason() == RejectedTest.Reason.UNRELATED_ERROR)
                .singleElement().satisfies(r -> assertThat(r.detail()).contains("NullPointerException"));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void regressionBaselineRunsTheTestsOfTheLocalizedClassesOnBase() {
        RegressionBaseline baseline = generator().regressionBaseline(new RegressionRequest(repo, localization,
                task.build(), image, 10, Duration.ofMinutes(4)));

        assertThat(baseline.problem()).isEmpty();
        assertThat(baseline.classes()).contains(TestId.ofClass("com.acme.strkit.AbbreviatorTest"),
                TestId.ofClass("com.acme.strkit.TextTableTest"));
        assertThat(baseline.passing()).contains(TestId.parse("com.acme.strkit.AbbreviatorTest#keepsShortText"),
                TestId.parse("com.acme.strkit.TextTableTest#rendersHeaderRuleAndRows"));
        assertThat(baseline.outcomes()).allSatisfy((t, s) -> assertThat(s).isEqualTo(TestStatus.PASSED));
    }
}

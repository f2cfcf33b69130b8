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
    static java.util.List<Task> all;
    final ScriptedModelServer server = ScriptedModelServer.start();

    @BeforeAll
    static void fixture() throws Exception {
        all = FixtureTasks.materialize(fixtures);
        task = all.stream().filter(t -> t.instanceId().equals("acme__strkit-12")).findFirst().orElseThrow();
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

    /**
     * Issue 15: validation goes through the runner chosen for the repository. Where the direct runner is trusted it
     * runs the test, and the failure's exception type ("fails for the right reason") is still read.
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // builds the compiled state if absent; shared machine
    void validatesWithTheDirectRunnerWhereItIsTrustedAndStillReadsTheExceptionType() {
        var withState = DockerTestEnvironment.get().environments().withCompiledState();
        var state = withState.ensureCompiledState(repo, task.build());
        assertThat(state.trusted()).as("the strkit fixture's parity check must pass: " + state.describe()).isTrue();
        String stateImage = withState.ensureEnv(repo, task.build()).tag();
        server.enqueue(answer("assertEquals(\"\\uD83D\\uDE80 deploy\", Abbreviator.abbreviate(\"\\uD83D\\uDE80 deploy\", 8));"));
        ModelClient client = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        java.util.List<String> runners = new java.util.concurrent.CopyOnWriteArrayList<>();
        TestRunner chosen = TestRunner.choose();
        TestRunner recording = (sandbox, dir, tests, hints, timeout) -> {
            var result = chosen.run(sandbox, dir, tests, hints, timeout);
            runners.add(result.runner());
            return result;
        };

        Reproductions result = TestGenerator.create(client, DockerTestEnvironment.get().provider(), recording)
                .reproduce(new ReproductionRequest(repo, task.issue(), localization, task.build(), stateImage, 1,
                        Duration.ofMinutes(4)));

        assertThat(runners).isNotEmpty().containsOnly("direct");
        assertThat(result.kept()).singleElement().satisfies(kept -> {
            TestId id = kept.ids().getFirst();
            assertThat(kept.failureOnBase().get(id).status()).isEqualTo(TestStatus.FAILED);
            assertThat(kept.failureOnBase().get(id).exceptionType()).contains("AssertionFailedError");
        });
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

    /**
     * Issue 12 (e): a gson-shaped repository (code in a submodule, JUnit 4). The model is asked for JUnit 4 with one of
     * the module's own tests as the example, and the test it writes is placed, run and kept in that module.
     */
    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES) // includes building the fixture's env image on first use
    void writesAndKeepsAJUnit4TestInTheModuleThatHoldsTheCode() {
        Task tiny = all.stream().filter(t -> t.instanceId().equals("acme__tinyjson-31")).findFirst().orElseThrow();
        Path tinyRepo = Path.of(tiny.repo().spec());
        Localization found = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(tinyRepo.toString()),
                tiny.baseCommit(), tiny.problemStatement()));
        server.enqueue(ScriptedReply.text("```java\npackage com.acme.tinyjson;\n\nimport static org.junit.Assert.assertEquals;\n"
                + "import org.junit.Test;\n\npublic class BackslashTest {\n    @Test\n    public void escapesBackslash() {\n"
                + "        assertEquals(\"\\\"a\\\\\\\\b\\\"\", JsonStrings.quote(\"a\\\\b\"));\n    }\n}\n```\n"));
        String tinyImage = DockerTestEnvironment.get().env(tinyRepo, tiny.build()).tag();

        Reproductions result = generator().reproduce(new ReproductionRequest(tinyRepo, tiny.issue(), found,
                tiny.build(), tinyImage, 1, Duration.ofMinutes(5)));

        String prompt = server.requests().getFirst().lastUserText();
        assertThat(prompt).contains("Write one JUnit 4 test class").contains("Do not use org.junit.jupiter")
                .contains("import org.junit.Test;").doesNotContain("org.junit.jupiter.api.Test");
        assertThat(result.module()).isEqualTo("tinyjson");
        assertThat(result.framework()).startsWith("JUnit 4");
        assertThat(result.rejected()).isEmpty();
        ReproductionTest kept = result.kept().getFirst();
        assertThat(kept.ids()).containsExactly(TestId.parse("com.acme.tinyjson.BackslashTest#escapesBackslash"));
        assertThat(kept.failureOnBase().values()).singleElement()
                .satisfies(f -> assertThat(f.exceptionType()).isEqualTo("org.junit.ComparisonFailure"));
        assertThat(kept.testPatch().touchedPaths())
                .containsExactly("tinyjson/src/test/java/com/acme/tinyjson/BackslashTest.java");

        RegressionBaseline baseline = generator().regressionBaseline(new RegressionRequest(tinyRepo, found,
                tiny.build(), tinyImage, 1, Duration.ofMinutes(5)));
        assertThat(baseline.classes()).singleElement().satisfies(c -> assertThat(c.className()).startsWith("com.acme.tinyjson.Json"));
        assertThat(baseline.passing()).isNotEmpty();
    }
}

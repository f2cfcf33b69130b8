package dev.quorum.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiSweBenchTest {

    /** Shaped like a record of the Java split: a pull request plus the three test runs' report. */
    private static final String RECORD = """
            {"org": "fasterxml", "repo": "jackson-core", "number": 1309, "state": "closed",
             "title": "Fix number parsing", "body": "Fixes #1308",
             "base": {"label": "FasterXML:2.17", "ref": "2.17", "sha": "449ed86748bf672b0a65f13e7f8573298b543384"},
             "resolved_issues": [{"number": 1308, "title": "Leading zeros are accepted",
                                  "body": "`JsonParser` accepts `00`\\r\\nwhen it should not."}],
             "fix_patch": "diff --git a/src/main/java/A.java b/src/main/java/A.java\\n--- a/src/main/java/A.java\\n+++ b/src/main/java/A.java\\n@@ -1 +1 @@\\n-a\\r\\n+b\\r\\n",
             "test_patch": "diff --git a/src/test/java/ATest.java b/src/test/java/ATest.java\\n",
             "fixed_tests": {"com.fasterxml.jackson.core.read.NumberParsingTest": {"run": "PASS", "test": "FAIL", "fix": "PASS"}},
             "p2p_tests": {
                "com.fasterxml.jackson.core.read.ArrayParsingTest": {"run": "PASS", "test": "PASS", "fix": "PASS"},
                "compileJava": {"run": "PASS", "test": "PASS", "fix": "PASS"},
                ":core:test": {"run": "PASS", "test": "PASS", "fix": "PASS"},
                "org.mockito.internal.MockitoCoreTest > shouldWork()": {"run": "PASS", "test": "PASS", "fix": "PASS"},
                "org.mockito.ParamTest > parses(String) > [1] abc": {"run": "PASS", "test": "PASS", "fix": "PASS"},
                "readsLegacy(com.acme.LegacyTest)": {"run": "PASS", "test": "PASS", "fix": "PASS"},
                "com.acme.FooTest#baz": {"run": "PASS", "test": "PASS", "fix": "PASS"},
                "com.acme.DottedTest.methodName": {"run": "PASS", "test": "PASS", "fix": "PASS"},
                "com.acme.Outer$InnerTest": {"run": "PASS", "test": "PASS", "fix": "PASS"}
             },
             "f2p_tests": {"com.fasterxml.jackson.core.read.NumberParsingTest": {"run": "PASS", "test": "FAIL", "fix": "PASS"}},
             "s2p_tests": {"com.fasterxml.jackson.core.read.SkippedTest > nowRuns()": {"run": "SKIP", "test": "SKIP", "fix": "PASS"}},
             "n2p_tests": {"com.fasterxml.jackson.core.read.NewTest": {"run": "NONE", "test": "NONE", "fix": "PASS"}},
             "run_result": {"passed_count": 10}, "test_patch_result": {"passed_count": 9}, "fix_patch_result": {"passed_count": 12}}
            """.replace("\n", " ");

    @TempDir
    Path dir;

    @Test
    void convertsARecordIntoATask() throws IOException {
        Path file = dir.resolve("java.jsonl");
        Files.writeString(file, RECORD + "\n"
                + "{\"org\":\"a\",\"repo\":\"b\",\"number\":1,\"base\":{\"label\":\"x\"},\"f2p_tests\":{}}\n"
                + "{\"org\":\"a\",\"repo\":\"b\",\"number\":2,\"base\":{\"sha\":\"abc\"},\"f2p_tests\":{\"compileJava\":{}}}\n");

        LoadResult<Task> result = TaskFiles.importMultiSweBench(file);

        assertThat(result.items()).hasSize(1);
        Task task = result.items().get(0);
        assertThat(task.instanceId()).isEqualTo("fasterxml__jackson-core-1309");
        assertThat(task.repo()).isEqualTo(new RepoRef("fasterxml/jackson-core"));
        assertThat(task.baseCommit()).isEqualTo("449ed86748bf672b0a65f13e7f8573298b543384");
        assertThat(task.problemStatement()).isEqualTo("Leading zeros are accepted\n\n`JsonParser` accepts `00`\r\nwhen it should not.");
        assertThat(task.patch().text()).contains("+b\r\n");
        assertThat(task.patch().files()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("src/main/java/A.java"));
        assertThat(task.failToPass()).containsExactly(
                TestId.ofClass("com.fasterxml.jackson.core.read.NumberParsingTest"),
                new TestId("com.fasterxml.jackson.core.read.SkippedTest", "nowRuns"),
                TestId.ofClass("com.fasterxml.jackson.core.read.NewTest"));
        assertThat(task.passToPass()).containsExactly(
                TestId.ofClass("com.fasterxml.jackson.core.read.ArrayParsingTest"),
                new TestId("org.mockito.internal.MockitoCoreTest", "shouldWork"),
                new TestId("org.mockito.ParamTest", "parses"),
                new TestId("com.acme.LegacyTest", "readsLegacy"),
                new TestId("com.acme.FooTest", "baz"),
                new TestId("com.acme.DottedTest", "methodName"),
                TestId.ofClass("com.acme.Outer$InnerTest"));

        assertThat(result.errors()).extracting(LineError::line, LineError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "base.sha"),
                org.assertj.core.groups.Tuple.tuple(3, "f2p_tests"));
    }

    @Test
    void importedTasksRoundTripThroughTheTaskFormat() throws IOException {
        Path file = dir.resolve("java.jsonl");
        Files.writeString(file, RECORD + "\n");
        Task task = TaskFiles.importMultiSweBench(file).items().get(0);

        Path out = dir.resolve("tasks.jsonl");
        TaskFiles.writeTasks(out, java.util.List.of(task));

        assertThat(TaskFiles.readTasks(out).items()).containsExactly(task);
    }

    @Test
    void moduleQualifiedClassLevelKeysInF2pMapsBecomeClassIdsAndTheModuleToBuild() throws IOException {
        Path file = dir.resolve("gson.jsonl");
        Files.writeString(file, """
                {"org": "google", "repo": "gson", "number": 2479, "base": {"sha": "0109f4512aa7e0cd1bdc4b6b0fb3fbfd1d91f7b3"},
                 "title": "Throw exception when registering adapter for Object or JsonElement",
                 "fix_patch": "", "test_patch": "",
                 "f2p_tests": {"gson:com.google.gson.GsonBuilderTest": {"run": "PASS", "test": "FAIL", "fix": "PASS"}},
                 "n2p_tests": {"gson:com.google.gson.functional.CustomTypeAdaptersTest#testRegisterObject": {"run": "NONE", "test": "NONE", "fix": "PASS"}},
                 "p2p_tests": {"gson:com.google.gson.stream.JsonWriterTest": {"run": "PASS", "test": "PASS", "fix": "PASS"},
                               "gson:com.google.gson.GsonBuilderTest": {"run": "PASS", "test": "FAIL", "fix": "PASS"}}}
                """.replace("\n", " ") + "\n");

        Task task = TaskFiles.importMultiSweBench(file).items().get(0);

        assertThat(task.failToPass()).containsExactly(TestId.ofClass("com.google.gson.GsonBuilderTest"),
                new TestId("com.google.gson.functional.CustomTypeAdaptersTest", "testRegisterObject"));
        assertThat(task.failToPass().get(0).isWholeClass()).isTrue();
        assertThat(task.passToPass()).containsExactly(TestId.ofClass("com.google.gson.stream.JsonWriterTest"));
        assertThat(task.build()).isEqualTo(new dev.quorum.core.BuildHints("maven", "gson", null, java.util.List.of()));
        assertThat(task.problemStatement()).startsWith("Throw exception when registering adapter");
    }

    @Test
    void keysFromSeveralModulesOrNoneGiveNoModule() throws IOException {
        Path file = dir.resolve("multi.jsonl");
        Files.writeString(file, """
                {"org": "a", "repo": "b", "number": 1, "base": {"sha": "abc"},
                 "f2p_tests": {"core:com.acme.CoreTest": {}, "web:com.acme.WebTest": {}}}
                {"org": "a", "repo": "b", "number": 2, "base": {"sha": "abc"},
                 "f2p_tests": {"com.acme.CoreTest": {}}}
                """.replace("}}}\n", "}}}\u0000").replace("\n", " ").replace("\u0000", "\n"));

        LoadResult<Task> result = TaskFiles.importMultiSweBench(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.items()).hasSize(2).allSatisfy(t -> assertThat(t.build().module()).isNull());
        assertThat(result.items().get(0).failToPass()).containsExactly(TestId.ofClass("com.acme.CoreTest"),
                TestId.ofClass("com.acme.WebTest"));
    }
}

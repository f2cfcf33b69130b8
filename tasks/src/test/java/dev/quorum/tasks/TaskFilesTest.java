package dev.quorum.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFilesTest {

    @TempDir
    Path dir;

    private static final String CRLF_PATCH = "diff --git a/Foo.java b/Foo.java\n"
            + "--- a/Foo.java\n+++ b/Foo.java\n@@ -1,2 +1,2 @@\n class Foo {\r\n-  int x = 1;\r\n+  int x = 2;\r\n";

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsTestListsGivenAsArraysOrAsJsonEncodedStrings() throws IOException {
        Path file = write("tasks.jsonl",
                """
                {"instance_id":"a__b-1","repo":"a/b","base_commit":"abc","problem_statement":"p","FAIL_TO_PASS":["com.acme.FooTest#bar"],"PASS_TO_PASS":["com.acme.BazTest"]}""",
                """
                {"instance_id":"a__b-2","repo":"a/b","base_commit":"abc","problem_statement":"p","FAIL_TO_PASS":"[\\"com.acme.FooTest#bar\\"]","PASS_TO_PASS":"[\\"com.acme.BazTest\\"]"}""");

        LoadResult<Task> result = TaskFiles.readTasks(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.items()).hasSize(2).allSatisfy(task -> {
            assertThat(task.failToPass()).containsExactly(new TestId("com.acme.FooTest", "bar"));
            assertThat(task.passToPass()).containsExactly(TestId.ofClass("com.acme.BazTest"));
        });
    }

    @Test
    void keepsCarriageReturnsOfPatchesThroughARoundTrip() {
        Task task = new Task("a__b-1", new RepoRef("a/b"), "abc", "p", "", Patch.ofText(CRLF_PATCH),
                Patch.ofText(CRLF_PATCH), List.of(TestId.parse("com.acme.FooTest#bar")), List.of(), null);
        Path file = dir.resolve("out/tasks.jsonl");

        TaskFiles.writeTasks(file, List.of(task));
        Task back = TaskFiles.readTasks(file).items().get(0);

        assertThat(back.patch().bytes()).isEqualTo(CRLF_PATCH.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(back.patch().bytes(), StandardCharsets.UTF_8)).contains("int x = 2;\r\n");
        assertThat(back).isEqualTo(task);
    }

    @Test
    void roundTripsEveryField() {
        Task task = new Task("acme__money-1", new RepoRef("/srv/repos/money"), "0123abcd", "Yen has decimals",
                "see #12", Patch.ofText(CRLF_PATCH), Patch.empty(),
                List.of(TestId.parse("com.acme.FooTest#bar"), TestId.parse("com.acme.FooTest#baz(int)[2]")),
                List.of(TestId.ofClass("com.acme.Other$Nested")),
                new BuildHints("maven", "money-format", "17", List.of("-Pfast", "-DskipITs")));
        Path file = dir.resolve("tasks.jsonl");

        TaskFiles.writeTasks(file, List.of(task, task));

        LoadResult<Task> result = TaskFiles.readTasks(file);
        assertThat(result.errors()).isEmpty();
        assertThat(result.items()).containsExactly(task, task);
    }

    @Test
    void reportsEachMalformedLineWithFileLineAndFieldAndKeepsTheOthers() throws IOException {
        String good = """
                {"instance_id":"ok__%s-1","repo":"a/b","base_commit":"abc","FAIL_TO_PASS":[],"PASS_TO_PASS":[]}""";
        Path file = write("tasks.jsonl",
                good.formatted("first"),
                "{not json",
                """
                {"repo":"a/b","base_commit":"abc"}""",
                "",
                """
                {"instance_id":"x","repo":"a/b","base_commit":"abc","FAIL_TO_PASS":["com.acme.A#b", 42]}""",
                """
                {"instance_id":"x","repo":"a/b","base_commit":"abc","PASS_TO_PASS":"[not json"}""",
                """
                {"instance_id":"x","repo":"a/b","base_commit":"abc","build":{"tool":"ant"}}""",
                "[1,2]",
                good.formatted("last"));

        LoadResult<Task> result = TaskFiles.readTasks(file);

        assertThat(result.items()).extracting(Task::instanceId).containsExactly("ok__first-1", "ok__last-1");
        assertThat(result.errors()).extracting(LineError::line, LineError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "<json>"),
                org.assertj.core.groups.Tuple.tuple(3, "instance_id"),
                org.assertj.core.groups.Tuple.tuple(5, "FAIL_TO_PASS[1]"),
                org.assertj.core.groups.Tuple.tuple(6, "PASS_TO_PASS"),
                org.assertj.core.groups.Tuple.tuple(7, "build.tool"),
                org.assertj.core.groups.Tuple.tuple(8, "<json>"));
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.file()).isEqualTo(file));
        assertThat(result.errors().get(2).toString()).startsWith(file + ":5: FAIL_TO_PASS[1]: must be a string");
    }

    @Test
    void readsPredictionsInBothFormsAndWritesSweBenchForm() throws IOException {
        Path file = write("preds.jsonl",
                """
                {"instance_id":"a__b-1","model_name_or_path":"gpt-x","model_patch":"%s"}""".formatted(
                        CRLF_PATCH.replace("\n", "\\n").replace("\r", "\\r")),
                """
                {"org":"alibaba","repo":"fastjson2","number":2775,"fix_patch":"diff --git a/x b/x\\n"}""",
                """
                {"instance_id":"a__b-3","model_name_or_path":"gpt-x","model_patch":null}""",
                """
                {"model_patch":"x"}""");

        LoadResult<Prediction> result = TaskFiles.readPredictions(file);

        assertThat(result.items()).containsExactly(
                new Prediction("a__b-1", "gpt-x", Patch.ofText(CRLF_PATCH)),
                new Prediction("alibaba__fastjson2-2775", "", Patch.ofText("diff --git a/x b/x\n")),
                new Prediction("a__b-3", "gpt-x", Patch.empty()));
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.field()).isEqualTo("instance_id");
        });

        Path out = dir.resolve("back.jsonl");
        TaskFiles.writePredictions(out, result.items());
        assertThat(Files.readString(out)).contains("\"model_name_or_path\":\"gpt-x\"").doesNotContain("fix_patch");
        assertThat(TaskFiles.readPredictions(out).items()).isEqualTo(result.items());
    }

    @Test
    void twoRecordsOnOneLineAreAnErrorNotASilentDrop() throws IOException {
        String one = """
                {"instance_id":"a__b-%d","model_name_or_path":"m","model_patch":""}""";
        Path file = write("preds.jsonl", one.formatted(1) + one.formatted(2), one.formatted(3));

        LoadResult<Prediction> result = TaskFiles.readPredictions(file);

        assertThat(result.items()).extracting(Prediction::instanceId).containsExactly("a__b-3");
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.message()).contains("more than one JSON value");
        });
    }

    @Test
    void aLineThatIsNotUtf8IsReportedWithFileAndLineAndTheOthersAreRead() throws IOException {
        Path file = dir.resolve("tasks.jsonl");
        byte[] good = """
                {"instance_id":"a__b-1","repo":"a/b","base_commit":"abc","FAIL_TO_PASS":["a.FooTest"]}
                """.getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = """
                {"instance_id":"a__b-2","repo":"a/b","base_commit":"abc","problem_statement":"caf\u00e9"}
                """.getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(good);
        out.write(latin1);
        out.write(good);
        Files.write(file, out.toByteArray());

        LoadResult<Task> result = TaskFiles.readTasks(file);

        assertThat(result.items()).hasSize(2);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.toString()).startsWith(file + ":2: ").contains("not valid UTF-8");
        });
    }

    @Test
    void unknownTopLevelKeysAreWarnedAboutWithTheLikelyMeaning() throws IOException {
        Path file = write("tasks.jsonl", """
                {"instance_id":"a__b-1","repo":"a/b","base_commit":"abc","FAIL_TO_PAS":["a.FooTest"],"version":"1.0"}""");

        LoadResult<Task> result = TaskFiles.readTasks(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.items()).singleElement().satisfies(t -> assertThat(t.failToPass()).isEmpty());
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(1);
            assertThat(w.field()).isEqualTo("FAIL_TO_PAS");
            assertThat(w.message()).contains("unknown key").contains("did you mean FAIL_TO_PASS?");
        });
    }

    @Test
    void appendedPredictionsReadBackExactlyLineByLine() {
        Path file = dir.resolve("out/predictions.jsonl");
        Prediction crlf = new Prediction("acme__x-1", "quorum/scripted",
                new Patch("--- a/w.txt\n+++ b/w.txt\n@@ -1 +1 @@\n-a\r\n+b\r\n".getBytes(StandardCharsets.UTF_8)));
        Prediction empty = new Prediction("acme__x-2", "quorum/scripted", Patch.empty());

        TaskFiles.appendPrediction(file, crlf);
        TaskFiles.appendPrediction(file, empty);

        LoadResult<Prediction> read = TaskFiles.readPredictions(file);
        assertThat(read.errors()).isEmpty();
        assertThat(read.items()).containsExactly(crlf, empty);
    }
}

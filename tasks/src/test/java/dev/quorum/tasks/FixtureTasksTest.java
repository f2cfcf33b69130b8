package dev.quorum.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureTasksTest {

    @TempDir
    static Path tmp;

    static List<Task> tasks;

    @BeforeAll
    static void materialize() throws IOException {
        tasks = FixtureTasks.materialize(tmp.resolve("one"));
    }

    @Test
    void materializesSixOrMoreTasksWithStableCommitsAndPatches() throws IOException {
        List<Task> again = FixtureTasks.materialize(tmp.resolve("two"));

        assertThat(tasks).hasSizeGreaterThanOrEqualTo(6);
        assertThat(FixtureTasks.names()).hasSize(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            Task a = tasks.get(i);
            Task b = again.get(i);
            assertThat(b.instanceId()).isEqualTo(a.instanceId());
            assertThat(b.baseCommit()).isEqualTo(a.baseCommit()).hasSize(40);
            assertThat(b.patch()).isEqualTo(a.patch());
            assertThat(b.testPatch()).isEqualTo(a.testPatch());
            assertThat(b.repo().spec()).isNotEqualTo(a.repo().spec());
        }
    }

    @Test
    void everyTaskIsCompleteAndItsPatchesParse() {
        for (Task task : tasks) {
            assertThat(Path.of(task.repo().spec())).isAbsolute().isDirectory();
            assertThat(task.problemStatement()).as(task.instanceId()).hasSizeGreaterThan(200);
            assertThat(task.failToPass()).as(task.instanceId()).isNotEmpty();
            assertThat(task.passToPass()).as(task.instanceId()).isNotEmpty();
            assertThat(task.build().tool()).isEqualTo("maven");
            List<String> fixed = task.patch().touchedPaths();
            List<String> tested = task.testPatch().touchedPaths();
            assertThat(fixed).as(task.instanceId()).isNotEmpty().allMatch(p -> p.contains("src/main/java/"));
            assertThat(tested).as(task.instanceId()).isNotEmpty().allMatch(p -> p.contains("src/test/java/"));
            assertThat(task.patch().text()).startsWith("diff --git a/");
            // Every failing test lives in a file the test patch touches.
            for (TestId id : task.failToPass()) {
                String file = id.topLevelClass().replace('.', '/') + ".java";
                assertThat(tested).as(id.toString()).anyMatch(p -> p.endsWith(file));
            }
        }
    }

    @Test
    void coversTheRequiredKindsOfTask() {
        assertThat(tasks).anySatisfy(t -> assertThat(t.patch().touchedPaths()).hasSize(2));
        assertThat(tasks).anySatisfy(t -> {
            assertThat(t.build().module()).isNotNull();
            assertThat(Path.of(t.repo().spec()).resolve(t.build().module()).resolve("pom.xml")).isRegularFile();
        });
        assertThat(tasks).anySatisfy(t -> assertThat(t.problemStatement()).containsPattern("\tat com\\.acme\\.\\w+\\.\\w+\\.\\w+\\(\\w+\\.java:\\d+\\)"));
        assertThat(tasks).anySatisfy(t -> assertThat(t.patch().text()).contains("\r\n"));
    }

    @Test
    void writesTheTasksAsJsonlThatReadsBackEqual() {
        LoadResult<Task> back = TaskFiles.readTasks(tmp.resolve("one/tasks.jsonl"));

        assertThat(back.errors()).isEmpty();
        assertThat(back.items()).isEqualTo(tasks);
    }

    @Test
    void repositoriesHoldOnlyTheBaseCommitAndTheGoldPatchAppliesToIt() throws Exception {
        RepoCache cache = new RepoCache(tmp.resolve("cache"));
        for (Task task : tasks) {
            Path checkout = cache.checkout(task.repo(), task.baseCommit(), tmp.resolve("apply").resolve(task.instanceId()));
            try (Git git = Git.open(checkout.toFile())) {
                assertThat(git.log().all().call()).hasSize(1);
                assertThat(git.status().call().isClean()).isTrue();
                for (Patch patch : List.of(task.patch(), task.testPatch())) {
                    git.apply().setPatch(new ByteArrayInputStream(patch.bytes())).call();
                }
                // The tree after both patches differs from base exactly in the files the patches name.
                org.eclipse.jgit.api.Status status = git.status().call();
                Set<String> changed = new TreeSet<>(status.getUncommittedChanges());
                changed.addAll(status.getUntracked());
                List<String> expected = Stream.concat(task.patch().touchedPaths().stream(),
                        task.testPatch().touchedPaths().stream()).distinct().toList();
                assertThat(changed).as(task.instanceId()).containsExactlyInAnyOrderElementsOf(expected);
                if (task.instanceId().contains("kvconf")) {
                    String reader = Files.readString(checkout.resolve("src/main/java/com/acme/kvconf/ConfigReader.java"));
                    assertThat(reader).contains("separatorIndex(trimmed);\r\n").doesNotContainPattern("[^\r]\n");
                }
            }
        }
    }

    @Test
    void crlfFilesKeepTheirCarriageReturnsInTheRepository() throws IOException {
        Task kvconf = tasks.stream().filter(t -> t.instanceId().contains("kvconf")).findFirst().orElseThrow();
        Path reader = Path.of(kvconf.repo().spec()).resolve("src/main/java/com/acme/kvconf/ConfigReader.java");
        String text = Files.readString(reader, StandardCharsets.UTF_8);

        assertThat(text).contains("\r\n").doesNotContainPattern("[^\r]\n");
    }

    @Test
    void indexListsExactlyTheFixtureFilesInTheSourceTree() throws IOException {
        Path root = Path.of("src/main/resources/fixtures");
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(root)) {
            onDisk = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("index.txt")).sorted().toList();
        }
        List<String> indexed = Files.readAllLines(root.resolve("index.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();

        assertThat(indexed).as("run tasks/fixtures-index.sh").isEqualTo(onDisk);
    }
}

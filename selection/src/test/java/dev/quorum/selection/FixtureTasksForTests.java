package dev.quorum.selection;

import dev.quorum.core.Task;
import dev.quorum.tasks.FixtureTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The bundled fixture tasks, materialized once per test JVM in a fresh temporary directory. */
final class FixtureTasksForTests {
    private static List<Task> tasks;

    private FixtureTasksForTests() {
    }

    static synchronized List<Task> tasks() {
        if (tasks == null) {
            try {
                Path dir = Files.createTempDirectory("quorum-selection-fixtures");
                tasks = FixtureTasks.materialize(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tasks;
    }

    static Task named(String instanceId) {
        return tasks().stream().filter(t -> t.instanceId().equals(instanceId)).findFirst().orElseThrow();
    }
}

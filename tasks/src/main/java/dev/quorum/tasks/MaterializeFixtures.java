package dev.quorum.tasks;

import dev.quorum.core.Task;
import java.nio.file.Path;

/** Developer entry point used by {@code tasks/verify-fixtures.sh}: materializes the fixtures into a directory. */
final class MaterializeFixtures {
    private MaterializeFixtures() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MaterializeFixtures <empty-directory>");
            System.exit(2);
        }
        for (Task task : FixtureTasks.materialize(Path.of(args[0]))) {
            System.out.println(task.instanceId() + " " + task.baseCommit() + " " + task.repo());
        }
    }
}

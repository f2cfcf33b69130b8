package dev.quorum.harness;

import dev.quorum.core.Task;
import dev.quorum.tasks.LoadResult;
import dev.quorum.tasks.TaskFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task file as grading reads it: bad lines become input errors, unknown keys warnings, and a task without
 * FAIL_TO_PASS tests is refused (every one of no tests passes, so any patch would be graded RESOLVED_FULL; an
 * empty or typo'd key is the usual cause).
 *
 * @param tasks    the tasks that can be graded, first of each instance id, in file order
 * @param errors   lines that could not be read, duplicate ids, refused tasks
 * @param warnings lines read with something that looks wrong
 * @param refused  ids of tasks read but not gradable
 */
record TaskInput(List<Task> tasks, List<String> errors, List<String> warnings, Set<String> refused) {

    static TaskInput read(Path file) {
        LoadResult<Task> loaded = TaskFiles.readTasks(file);
        List<String> errors = new ArrayList<>(loaded.errors().stream().map(Object::toString).toList());
        List<String> warnings = new ArrayList<>(loaded.warnings().stream().map(Object::toString).toList());
        Map<String, Task> byId = new LinkedHashMap<>();
        Set<String> refused = new LinkedHashSet<>();
        for (Task t : loaded.items()) {
            if (byId.containsKey(t.instanceId()) || refused.contains(t.instanceId())) {
                errors.add(file + ": instance " + t.instanceId() + " appears twice; the first is used");
            } else if (t.failToPass().isEmpty()) {
                refused.add(t.instanceId());
                errors.add(file + ": instance " + t.instanceId() + ": FAIL_TO_PASS is missing or empty, so nothing"
                        + " could tell a fix from no change; not graded (check the key's spelling)");
            } else {
                byId.put(t.instanceId(), t);
            }
        }
        return new TaskInput(List.copyOf(byId.values()), errors, warnings, refused);
    }

    /** The tasks among {@code wanted} (all when empty); an id that is in no line of the file is a usage error. */
    List<Task> select(Path file, List<String> wanted) {
        if (wanted.isEmpty()) {
            return tasks;
        }
        Set<String> ids = new LinkedHashSet<>(wanted);
        List<String> unknown = ids.stream()
                .filter(id -> !refused.contains(id) && tasks.stream().noneMatch(t -> t.instanceId().equals(id)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no such instance in " + file + ": " + unknown);
        }
        return tasks.stream().filter(t -> ids.contains(t.instanceId())).toList();
    }
}

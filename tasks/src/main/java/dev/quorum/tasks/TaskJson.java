package dev.quorum.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.BuildHints;
import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A task in SWE-bench's field layout, with Java test ids and an optional {@code build} object. */
final class TaskJson {
    private TaskJson() {
    }

    /**
     * The keys of a task record: ours, and the other columns of SWE-bench's datasets (read and ignored). Any other
     * key is warned about, because a typo'd {@code FAIL_TO_PASS} would otherwise leave a task with nothing to grade.
     */
    static final Set<String> KEYS = Set.of("instance_id", "repo", "base_commit", "problem_statement", "hints_text",
            "patch", "test_patch", "FAIL_TO_PASS", "PASS_TO_PASS", "build", "created_at", "version",
            "environment_setup_commit", "difficulty");

    static Task decode(JsonNode record) {
        String instanceId = Fields.requiredText(record, "instance_id");
        RepoRef repo = new RepoRef(Fields.requiredText(record, "repo"));
        String baseCommit = Fields.requiredText(record, "base_commit");
        return new Task(
                instanceId,
                repo,
                baseCommit.strip(),
                Fields.optionalText(record, "problem_statement"),
                Fields.optionalText(record, "hints_text"),
                patch(record, "patch"),
                patch(record, "test_patch"),
                Fields.testIds(record, "FAIL_TO_PASS"),
                Fields.testIds(record, "PASS_TO_PASS"),
                build(record));
    }

    /** The decoded string's UTF-8 bytes, never newline-normalized: CRLF patches must keep their CRs. */
    static Patch patch(JsonNode record, String field) {
        String text = Fields.optionalText(record, field);
        return text == null ? Patch.empty() : Patch.ofText(text);
    }

    static BuildHints build(JsonNode record) {
        JsonNode node = record.get("build");
        if (node == null || node.isNull()) {
            return BuildHints.none();
        }
        if (!node.isObject()) {
            throw new BadField("build", "must be an object like {\"tool\": \"maven\", \"module\": \"core\"}, found "
                    + Fields.kind(node));
        }
        String tool = prefixed(() -> Fields.optionalText(node, "tool"));
        if (tool != null && !tool.equals("maven") && !tool.equals("gradle")) {
            throw new BadField("build.tool", "must be maven or gradle, found '" + tool + "'");
        }
        String module = prefixed(() -> Fields.optionalText(node, "module"));
        String jdk = prefixed(() -> Fields.optionalText(node, "jdk"));
        return new BuildHints(tool, module, jdk, flags(node.get("flags")));
    }

    private static List<String> flags(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue().strip().split("\\s+"));
        }
        if (!node.isArray()) {
            throw new BadField("build.flags", "must be an array of strings, found " + Fields.kind(node));
        }
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new BadField("build.flags[" + i + "]", "must be a string, found " + Fields.kind(node.get(i)));
            }
            flags.add(node.get(i).textValue());
        }
        return flags;
    }

    private static String prefixed(java.util.function.Supplier<String> read) {
        try {
            return read.get();
        } catch (BadField e) {
            throw new BadField("build." + e.field(), e.getMessage());
        }
    }

    static ObjectNode encode(Task task) {
        ObjectNode out = JsonLines.object();
        out.put("instance_id", task.instanceId());
        out.put("repo", task.repo().spec());
        out.put("base_commit", task.baseCommit());
        out.put("problem_statement", task.problemStatement());
        out.put("hints_text", task.hintsText());
        out.put("patch", task.patch().text());
        out.put("test_patch", task.testPatch().text());
        out.set("FAIL_TO_PASS", ids(out, task.failToPass()));
        out.set("PASS_TO_PASS", ids(out, task.passToPass()));
        BuildHints build = task.build();
        if (!build.equals(BuildHints.none())) {
            ObjectNode b = out.putObject("build");
            if (build.tool() != null) b.put("tool", build.tool());
            if (build.module() != null) b.put("module", build.module());
            if (build.jdk() != null) b.put("jdk", build.jdk());
            if (!build.flags().isEmpty()) {
                ArrayNode flags = b.putArray("flags");
                build.flags().forEach(flags::add);
            }
        }
        return out;
    }

    private static ArrayNode ids(ObjectNode owner, List<TestId> ids) {
        ArrayNode array = owner.arrayNode();
        ids.forEach(id -> array.add(id.toString()));
        return array;
    }
}

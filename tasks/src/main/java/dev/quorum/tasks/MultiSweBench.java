package dev.quorum.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.BuildHints;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Converts a Multi-SWE-bench record (a pull request plus its test report) into a task. The report keys tests by
 * whatever the repository's log parser saw, so the keys go through {@link TestKeys}.
 */
final class MultiSweBench {
    /** Tests that must pass after the fix and did not before: failed, skipped, or did not exist. */
    private static final List<String> MUST_START_PASSING = List.of("f2p_tests", "s2p_tests", "n2p_tests");

    private MultiSweBench() {
    }

    static String instanceId(JsonNode record) {
        String org = Fields.requiredText(record, "org");
        String repo = Fields.requiredText(record, "repo");
        String number = Fields.requiredText(record, "number");
        return org + "__" + repo + "-" + number;
    }

    static Task decode(JsonNode record) {
        String instanceId = instanceId(record);
        String org = Fields.requiredText(record, "org");
        String repo = Fields.requiredText(record, "repo");
        JsonNode base = record.get("base");
        if (base == null || !base.isObject()) {
            throw new BadField("base", "must be an object with a sha");
        }
        String sha;
        try {
            sha = Fields.requiredText(base, "sha");
        } catch (BadField e) {
            throw new BadField("base.sha", e.getMessage());
        }
        Set<TestKeys.TestKey> keys = new LinkedHashSet<>();
        Set<TestId> failToPass = new LinkedHashSet<>();
        for (String field : MUST_START_PASSING) {
            List<TestKeys.TestKey> mustPass = tests(record, field);
            keys.addAll(mustPass);
            mustPass.forEach(k -> failToPass.add(k.id()));
        }
        if (failToPass.isEmpty()) {
            throw new BadField("f2p_tests", "names no test that must start passing (after dropping non-test keys)");
        }
        Set<TestId> passToPass = new LinkedHashSet<>();
        for (TestKeys.TestKey key : tests(record, "p2p_tests")) {
            keys.add(key);
            passToPass.add(key.id());
        }
        passToPass.removeAll(failToPass);
        return new Task(
                instanceId,
                new RepoRef(org + "/" + repo),
                sha,
                problemStatement(record),
                "",
                TaskJson.patch(record, "fix_patch"),
                TaskJson.patch(record, "test_patch"),
                List.copyOf(failToPass),
                List.copyOf(passToPass),
                build(keys));
    }

    /**
     * The module the tests run in, when the keys name one and the same Maven module (as in
     * {@code gson:com.google.gson.stream.JsonWriterTest}); no hint when they name none or several.
     */
    private static BuildHints build(Set<TestKeys.TestKey> keys) {
        Set<String> modules = new LinkedHashSet<>();
        keys.forEach(k -> modules.add(k.module()));
        if (modules.size() != 1 || modules.contains(null)) {
            return BuildHints.none();
        }
        return new BuildHints("maven", modules.iterator().next(), null, List.of());
    }

    /** The linked issues' text, as SWE-bench's problem statement; the PR's own text when no issue is linked. */
    private static String problemStatement(JsonNode record) {
        JsonNode issues = record.get("resolved_issues");
        List<String> parts = new ArrayList<>();
        if (issues != null && issues.isArray()) {
            for (int i = 0; i < issues.size(); i++) {
                JsonNode issue = issues.get(i);
                String title = Fields.optionalText(issue, "title");
                String body = Fields.optionalText(issue, "body");
                parts.add(join(title, body));
            }
        } else if (issues != null && !issues.isNull()) {
            throw new BadField("resolved_issues", "must be an array, found " + Fields.kind(issues));
        }
        if (parts.isEmpty()) {
            parts.add(join(Fields.optionalText(record, "title"), Fields.optionalText(record, "body")));
        }
        return String.join("\n\n", parts).strip();
    }

    private static String join(String title, String body) {
        String t = title == null ? "" : title.strip();
        String b = body == null ? "" : body;
        return t.isEmpty() ? b : b.isBlank() ? t : t + "\n\n" + b;
    }

    private static List<TestKeys.TestKey> tests(JsonNode record, String field) {
        JsonNode map = record.get(field);
        if (map == null || map.isNull()) {
            return List.of();
        }
        if (!map.isObject()) {
            throw new BadField(field, "must be an object keyed by test name, found " + Fields.kind(map));
        }
        List<TestKeys.TestKey> keys = new ArrayList<>();
        for (Iterator<String> names = map.fieldNames(); names.hasNext(); ) {
            TestKeys.parse(names.next()).ifPresent(keys::add);
        }
        return keys;
    }
}

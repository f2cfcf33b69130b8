package dev.quorum.harness;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quorum.core.TestStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One graded instance, as written to {@code results.jsonl} and {@code report.json}.
 *
 * @param model             who produced the patch ({@code gold}, {@code empty}, or the prediction's model name)
 * @param tests             every FAIL_TO_PASS and PASS_TO_PASS test id with its status; empty when no test ran
 * @param seconds           wall-clock time of the whole instance (checkout, env, sandbox, tests)
 * @param error             what went wrong for an error outcome (and notes otherwise), or null
 * @param toolVersions      the build tool and JDK that ran the tests, or what the env image has
 * @param testsReset        test sources and resources the patch touched; they were put back to the base commit
 *                          before grading (SWE-bench semantics), so the patch's own test changes count for nothing
 * @param buildFilesChanged build files the patch changed ({@code pom.xml}, {@code .mvn/**}, wrappers): a flag for
 *                          a reader, since a build change can change what the tests mean
 * @param buildFilesReset   true when those build files were put back to the base commit ({@code --strict})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceResult(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("model") String model,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("tests") Map<String, TestStatus> tests,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("error") String error,
        @JsonProperty("tool_versions") String toolVersions,
        @JsonProperty("tests_reset") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> testsReset,
        @JsonProperty("build_files_changed") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<String> buildFilesChanged,
        @JsonProperty("build_files_reset") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean buildFilesReset) {

    public InstanceResult {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(outcome, "outcome");
        model = model == null ? "" : model;
        tests = tests == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tests));
        toolVersions = toolVersions == null ? "" : toolVersions;
        testsReset = testsReset == null ? List.of() : List.copyOf(testsReset);
        buildFilesChanged = buildFilesChanged == null ? List.of() : List.copyOf(buildFilesChanged);
    }

    /** A result without integrity flags: the patch touched no test or build file (or was never applied). */
    public InstanceResult(String instanceId, String model, Outcome outcome, Map<String, TestStatus> tests,
                          double seconds, String error, String toolVersions) {
        this(instanceId, model, outcome, tests, seconds, error, toolVersions, List.of(), List.of(), false);
    }

    /** True when the patch touched tests or build files: worth a reader's look whatever the outcome. */
    public boolean flagged() {
        return !testsReset.isEmpty() || !buildFilesChanged.isEmpty();
    }
}

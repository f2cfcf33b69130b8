package dev.quorum.harness;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quorum.core.TestStatus;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One graded instance, as written to {@code results.jsonl} and {@code report.json}.
 *
 * @param model        who produced the patch ({@code gold}, {@code empty}, or the prediction's model name)
 * @param tests        every FAIL_TO_PASS and PASS_TO_PASS test id with its status; empty when no test ran
 * @param seconds      wall-clock time of the whole instance (checkout, env, sandbox, tests)
 * @param error        what went wrong for an error outcome (and notes otherwise), or null
 * @param toolVersions the build tool and JDK that ran the tests, or what the env image has
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceResult(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("model") String model,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("tests") Map<String, TestStatus> tests,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("error") String error,
        @JsonProperty("tool_versions") String toolVersions) {

    public InstanceResult {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(outcome, "outcome");
        model = model == null ? "" : model;
        tests = tests == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tests));
        toolVersions = toolVersions == null ? "" : toolVersions;
    }
}

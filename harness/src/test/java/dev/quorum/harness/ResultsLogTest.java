package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.TestStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsLogTest {
    @TempDir
    Path dir;

    private static InstanceResult result(String id, Outcome outcome) {
        return new InstanceResult(id, "gold", outcome, Map.of("a.B#c", TestStatus.PASSED), 1.5, null, "Maven 3.9");
    }

    @Test
    void resultsSurviveReopeningAndATornLastLineIsDropped() throws Exception {
        Path file = dir.resolve("run/results.jsonl");
        try (ResultsLog log = ResultsLog.open(file)) {
            log.append(result("a-1", Outcome.RESOLVED_FULL));
            log.append(result("b-2", Outcome.BUILD_FAILED));
        }
        // What a kill -9 in the middle of a write leaves behind.
        Files.writeString(file, "{\"instance_id\":\"c-3\",\"outco", StandardOpenOption.APPEND);

        try (ResultsLog log = ResultsLog.open(file)) {
            assertThat(log.results()).containsOnlyKeys("a-1", "b-2");
            assertThat(log.results().get("a-1")).isEqualTo(result("a-1", Outcome.RESOLVED_FULL));
            log.append(result("c-3", Outcome.RESOLVED_NO));
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("{\"instance_id\"").endsWith("}"));
        try (ResultsLog log = ResultsLog.open(file)) {
            assertThat(log.results()).containsOnlyKeys("a-1", "b-2", "c-3");
            assertThat(log.results().get("c-3").outcome()).isEqualTo(Outcome.RESOLVED_NO);
        }
    }

    @Test
    void theLatestLineForAnInstanceWins() {
        Path file = dir.resolve("results.jsonl");
        try (ResultsLog log = ResultsLog.open(file)) {
            log.append(result("a-1", Outcome.ENV_FAILED));
            log.append(result("a-1", Outcome.RESOLVED_FULL));
        }
        try (ResultsLog log = ResultsLog.open(file)) {
            assertThat(log.results().get("a-1").outcome()).isEqualTo(Outcome.RESOLVED_FULL);
        }
    }

    @Test
    void integrityFlagsSurviveTheLogAndOldLinesWithoutThemStillRead() throws Exception {
        Path file = dir.resolve("results.jsonl");
        InstanceResult flagged = new InstanceResult("a-1", "m", Outcome.RESOLVED_NO, Map.of(), 2.0, null, "",
                java.util.List.of("src/test/java/a/FooTest.java"), java.util.List.of("pom.xml"), true);
        try (ResultsLog log = ResultsLog.open(file)) {
            log.append(flagged);
            log.append(result("b-2", Outcome.RESOLVED_FULL));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).contains("\"tests_reset\":[\"src/test/java/a/FooTest.java\"]",
                "\"build_files_changed\":[\"pom.xml\"]", "\"build_files_reset\":true");
        assertThat(lines.get(1)).doesNotContain("tests_reset", "build_files");
        try (ResultsLog log = ResultsLog.open(file)) {
            assertThat(log.results().get("a-1")).isEqualTo(flagged);
            assertThat(log.results().get("a-1").flagged()).isTrue();
            assertThat(log.results().get("b-2").flagged()).isFalse();
        }
    }
}

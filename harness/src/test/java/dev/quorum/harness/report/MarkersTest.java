package dev.quorum.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.harness.EvalReport;
import dev.quorum.harness.InstanceResult;
import dev.quorum.harness.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkersTest {
    @TempDir
    Path tmp;

    private static InstanceResult result(String id, Outcome outcome) {
        return new InstanceResult(id, "gold", outcome, Map.of(), 1, outcome.isError() ? "broke\nmore" : null, null);
    }

    @Test
    void aGoldRunMarksWhatItsReferenceFixDoesNotResolveAndKeepsTheDuplicates() {
        Path tasks = tmp.resolve("set/tasks.jsonl");
        assertThat(Markers.besides(tasks)).isEqualTo(tmp.resolve("set/tasks.markers.json"));
        Markers before = new Markers(Map.of("c", "RESOLVED_NO", "d", "BUILD_FAILED: old"), Map.of("e", "a"), "");
        EvalReport gold = new EvalReport("gold-2", tmp, 4, List.of(result("a", Outcome.RESOLVED_FULL),
                result("b", Outcome.BUILD_FAILED), result("c", Outcome.RESOLVED_FULL), result("d", Outcome.ENV_FAILED)),
                Map.of(), List.of(), List.of(), List.of(), List.of(), false, "");

        Markers after = before.withGoldRun(gold);
        after.write(Markers.besides(tasks));

        assertThat(Markers.read(Markers.besides(tasks))).isEqualTo(after);
        assertThat(after.goldUnresolved()).containsOnlyKeys("b", "d"); // c resolves now; d could not be set up
        assertThat(after.goldUnresolved().get("b")).isEqualTo("BUILD_FAILED: broke");
        assertThat(after.duplicates()).containsEntry("e", "a");
        assertThat(after.goldRun()).isEqualTo("gold-2");
        Markers.Rates rates = after.rates(List.of("a", "b", "c", "d", "e"), List.of("a", "e"));
        assertThat(rates.describe()).isEqualTo("2/5 (40.0 %) raw; 1/2 (50.0 %) gold-ceiling-adjusted"
                + " (gold-unresolvable and duplicate instances excluded)");
    }

    @Test
    void anUnreadableMarkersFileIsAClearErrorAndAMissingOneIsNoMarks() throws Exception {
        assertThat(Markers.read(tmp.resolve("none.json"))).isEqualTo(Markers.none());
        Path bad = Files.writeString(tmp.resolve("bad.markers.json"), "{\"gold_unresolved\": [1, 2");
        assertThatThrownBy(() -> Markers.read(bad)).hasMessageContaining(bad.toString())
                .hasMessageContaining("quorum eval --gold");
    }
}

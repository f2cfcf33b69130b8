package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.selection.Evidence.Cell;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12, benchmark fix (b): a group whose own run timed out stays in the pool, its cells unknown, and says so. */
class TimedOutGroupTest {
    private static final TestId A = TestId.parse("a.ATest#one");
    private static final TestId B = TestId.parse("a.BTest#two");

    @Test
    void aTimedOutRunKeepsTheGroupLiveWithUnknownCellsAndANote() {
        Candidate first = Candidate.of("wrong-a", Patch.ofText("x"));
        Candidate second = Candidate.of("wrong-b", Patch.ofText("y"));
        var plan = new Grouping.Planned("g2", List.of(first, second), new Normalization.Normalized("k", "r"));
        MatrixRun.Cells cells = new MatrixRun.Cells();
        cells.row.put(B, Cell.APPLY_FAILED);
        var outcome = new SandboxRuns.Outcome(Map.of(A, Cell.TIMED_OUT), Cell.TIMED_OUT,
                "the test run passed its limit of PT10M");

        MatrixRun.GroupRun run = MatrixRun.timedOut(plan, first, List.of(), List.of(A, B), cells, outcome);

        assertThat(run.live()).isTrue();
        assertThat(run.dropped()).isEmpty();
        assertThat(run.liveMembers()).containsExactly("wrong-a", "wrong-b");
        assertThat(run.row()).containsEntry(A, Cell.TIMED_OUT).containsEntry(B, Cell.APPLY_FAILED);
        assertThat(run.notes()).singleElement().asString().contains("group g2", "wrong-a", "PT10M",
                "cells are unknown (TIMED_OUT)", "stays in the pool");
        assertThat(new HybridScore.Input("g2", run.liveMembers(), 1, run.row(), 1.0).unknown()).isTrue();
    }
}

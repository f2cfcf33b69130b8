package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.agent.TrajectoryListener.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SolveProgressTest {

    @Test
    void withoutATerminalEachTrajectoryGetsALineWhenItStartsEveryFewStepsAndWhenItEnds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SolveProgress progress = new SolveProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        progress.trajectory("run-1", new Progress(0, 0, 40, 0, 0, "starting", false));
        for (int step = 1; step <= 7; step++) {
            progress.trajectory("run-1", new Progress(0, step, 40, 1000L * step, 0.01 * step, "running", false));
        }
        progress.trajectory("run-1", new Progress(1, 2, 40, 2500, 0.02, "submitted: fixed it", true));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "quorum: run-1: t0 step 0/40, 0 tokens, $0.0000, starting",
                "quorum: run-1: t0 step 5/40, 5000 tokens, $0.0500, running",
                "quorum: run-1: t1 step 2/40, 2500 tokens, $0.0200, submitted: fixed it");
    }
}

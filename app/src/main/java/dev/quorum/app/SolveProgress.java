package dev.quorum.app;

import dev.quorum.agent.solve.SolveListener;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Solve progress on stderr: a bar over the stages on a terminal, one plain line per stage event otherwise. */
final class SolveProgress implements SolveListener {
    private final PrintStream err;
    private final boolean terminal;
    private ProgressBar bar;

    private SolveProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static SolveListener forConsole() {
        return new SolveProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void stageStarted(String runId, String stage) {
        if (!terminal) {
            err.printf("quorum: %s: %s ...%n", runId, stage);
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("solve " + runId).setInitialMax(STAGES.size())
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
        }
        bar.setExtraMessage(stage);
    }

    @Override
    public synchronized void stageFinished(String runId, String stage, Duration took, long tokens, double usd) {
        if (!terminal) {
            err.printf("quorum: %s: %s done in %.1f s (%d tokens, $%.4f)%n", runId, stage, took.toMillis() / 1000.0,
                    tokens, usd);
            return;
        }
        bar.step();
        if (bar.getCurrent() >= bar.getMax()) {
            bar.close();
            bar = null;
        }
    }
}

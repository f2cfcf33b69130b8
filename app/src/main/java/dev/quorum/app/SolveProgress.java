package dev.quorum.app;

import dev.quorum.core.Host;
import dev.quorum.agent.TrajectoryListener;
import dev.quorum.pipeline.SolveListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Solve progress on stderr. On a terminal: a bar over the stages, and during the trajectories one line per
 * trajectory (steps of the step limit, tokens, dollars, state). Otherwise plain lines: one per stage event, and per
 * trajectory one when it starts, every {@value #LINE_EVERY} steps and when it ends.
 */
final class SolveProgress implements SolveListener {
    static final int LINE_EVERY = 5;

    private final PrintStream err;
    private final boolean terminal;
    private final Map<String, ProgressBar> trajectoryBars = new HashMap<>();
    private ProgressBar bar;

    SolveProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static SolveListener forConsole() {
        return new SolveProgress(System.err, Host.onTerminal());
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
        trajectoryBars.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(runId + "/")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        bar.step();
        if (bar.getCurrent() >= bar.getMax()) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public synchronized void trajectory(String runId, TrajectoryListener.Progress p) {
        String summary = describe(p);
        if (!terminal) {
            if (p.steps() == 0 || p.finished() || p.steps() % LINE_EVERY == 0) {
                err.printf("quorum: %s: t%d %s%n", runId, p.trajectory(), summary);
            }
            return;
        }
        ProgressBar line = trajectoryBars.computeIfAbsent(runId + "/" + p.trajectory(), k -> new ProgressBarBuilder()
                .setTaskName("  t" + p.trajectory()).setInitialMax(p.maxSteps()).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1).setUpdateIntervalMillis(500).continuousUpdate().hideEta().build());
        line.stepTo(p.steps());
        line.setExtraMessage(summary.substring(summary.indexOf(", ") + 2));
    }

    /** "step 3/40, 5210 tokens, $0.0123, running". */
    static String describe(TrajectoryListener.Progress p) {
        String state = p.state().length() > 60 ? p.state().substring(0, 57) + "..." : p.state();
        return String.format(Locale.ROOT, "step %d/%d, %d tokens, $%.4f, %s", p.steps(), p.maxSteps(), p.tokens(),
                p.usd(), state);
    }
}

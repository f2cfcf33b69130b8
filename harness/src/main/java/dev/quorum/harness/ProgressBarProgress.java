package dev.quorum.harness;

import java.util.EnumMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar whose message counts the outcomes so far. */
final class ProgressBarProgress implements EvalListener {
    private final Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
    private ProgressBar bar;

    @Override
    public synchronized void started(String runId, int toGrade, int resumed) {
        bar = new ProgressBarBuilder().setTaskName("eval " + runId).setInitialMax(toGrade)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    @Override
    public synchronized void instanceFinished(InstanceResult result) {
        seen.merge(result.outcome(), 1, Integer::sum);
        if (bar != null) {
            bar.step();
            StringBuilder message = new StringBuilder();
            seen.forEach((outcome, n) -> message.append(message.isEmpty() ? "" : " ").append(outcome).append('=')
                    .append(n));
            bar.setExtraMessage(message.toString());
        }
    }

    @Override
    public synchronized void finished(EvalReport report) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

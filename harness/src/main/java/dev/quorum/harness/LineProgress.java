package dev.quorum.harness;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Prints {@code [done/total] instance OUTCOME seconds} as instances finish. */
final class LineProgress implements EvalListener {
    private final PrintWriter out;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;

    LineProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(String runId, int toGrade, int resumed) {
        total = toGrade;
        synchronized (out) {
            out.printf("run %s: grading %d instance(s)%s%n", runId, toGrade,
                    resumed > 0 ? ", " + resumed + " already graded (resumed)" : "");
            out.flush();
        }
    }

    @Override
    public void instanceFinished(InstanceResult result) {
        int n = done.incrementAndGet();
        synchronized (out) {
            out.printf(Locale.ROOT, "[%d/%d] %s %s %.1f s%s%n", n, total, result.instanceId(), result.outcome(),
                    result.seconds(), result.error() == null ? "" : " (" + firstLine(result.error()) + ")");
            out.flush();
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}

package dev.quorum.app.github;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Prometheus text exposition of {@code /metrics}. Job numbers come from the job store, so they survive
 * restarts; delivery counters are per process.
 */
final class Metrics {
    private final JobStore store;
    private final Map<String, AtomicLong> deliveries = new ConcurrentHashMap<>();

    Metrics(JobStore store) {
        this.store = store;
    }

    void delivery(String outcome) {
        deliveries.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    String render() {
        StringBuilder b = new StringBuilder();
        var totals = store.totals();
        b.append("# HELP quorum_jobs Jobs in the queue database by state.\n# TYPE quorum_jobs gauge\n");
        totals.forEach(t -> b.append("quorum_jobs{state=\"").append(t.state().label()).append("\"} ")
                .append(t.count()).append('\n'));
        b.append("# HELP quorum_job_duration_seconds Wall-clock time of finished jobs, by final state.\n")
                .append("# TYPE quorum_job_duration_seconds summary\n");
        totals.stream().filter(t -> t.state().isFinal()).forEach(t -> {
            String label = "{state=\"" + t.state().label() + "\"} ";
            b.append("quorum_job_duration_seconds_sum").append(label)
                    .append(String.format(Locale.ROOT, "%.3f", t.durationSecondsSum())).append('\n');
            b.append("quorum_job_duration_seconds_count").append(label).append(t.durationCount()).append('\n');
        });
        b.append("# HELP quorum_spend_usd_total Model spend of all jobs, in US dollars.\n")
                .append("# TYPE quorum_spend_usd_total counter\n")
                .append("quorum_spend_usd_total ")
                .append(String.format(Locale.ROOT, "%.4f", totals.stream().mapToDouble(JobStore.StateTotals::costUsd)
                        .sum())).append('\n');
        b.append("# HELP quorum_webhook_deliveries_total Webhook deliveries since start, by outcome.\n")
                .append("# TYPE quorum_webhook_deliveries_total counter\n");
        deliveries.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b
                .append("quorum_webhook_deliveries_total{outcome=\"").append(e.getKey()).append("\"} ")
                .append(e.getValue().get()).append('\n'));
        return b.toString();
    }
}

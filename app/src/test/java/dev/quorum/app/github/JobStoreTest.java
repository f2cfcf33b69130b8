package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private static JobRequest request(int issue) {
        return new JobRequest(4242, "acme", "greeter", issue, "title", "body", "https://github.example/i/" + issue,
                "file:///nowhere.git", "main", "octocat");
    }

    private static JobRequest request(int issue, String by) {
        return new JobRequest(4242, "acme", "greeter", issue, "title", "body", "https://github.example/i/" + issue,
                "file:///nowhere.git", "main", by);
    }

    @Test
    void aFullQueueRefusesANewJobAndRecordsNothingSoThatARedeliveryCanSucceed() {
        try (JobStore store = JobStore.open(dir)) {
            assertThat(store.accept("d-1", "issues", request(1), 2, T0)).isEqualTo(JobStore.Acceptance.QUEUED);
            assertThat(store.accept("d-2", "issues", request(2), 2, T0)).isEqualTo(JobStore.Acceptance.QUEUED);

            assertThat(store.accept("d-3", "issues", request(3), 2, T0)).isEqualTo(JobStore.Acceptance.QUEUE_FULL);
            assertThat(store.seen("d-3")).isFalse();
            assertThat(store.jobs()).hasSize(2);
            // Another ask for a queued issue needs no room; a job that leaves the queue makes room.
            assertThat(store.accept("d-4", "issues", request(1, "writer"), 2, T0))
                    .isEqualTo(JobStore.Acceptance.ALREADY_ACTIVE);
            store.claimNext(id -> "run" + id, T0);
            assertThat(store.accept("d-3", "issues", request(3), 2, T0)).isEqualTo(JobStore.Acceptance.QUEUED);
        }
    }

    @Test
    void everyoneWhoAsksForAQueuedJobIsRecordedOnceSoThatAnyWriterAmongThemCanStartIt() {
        try (JobStore store = JobStore.open(dir)) {
            store.accept("d-1", "issues", request(1, "reader"), T0);
            store.accept("d-2", "issue_comment", request(1, "writer"), T0);
            store.accept("d-3", "issue_comment", request(1, "reader"), T0);

            assertThat(store.jobs()).singleElement().satisfies(j -> assertThat(j.requesters())
                    .containsExactly("reader", "writer"));
        }
    }

    @Test
    void anAcknowledgedDeliveryIsNotLostWhenTheProcessIsKilledRightAfter() throws Exception {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"),
                JobStoreKillProbe.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String acked;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            // The kill lands while the probe is accepting more: mid-stream, not after a quiet moment.
            String line;
            int acks = 0;
            do {
                line = out.readLine();
                if (line != null && line.startsWith("acked ")) {
                    acks++;
                }
            } while (line != null && acks < 40);
            assertThat(line).as("the probe acknowledged a delivery").isNotNull();
            acked = line.substring("acked ".length());
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        }
        assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        try (JobStore store = JobStore.open(dir)) {
            assertThat(store.seen(acked)).as("delivery %s was acknowledged before the kill", acked).isTrue();
            assertThat(store.jobs()).extracting(Job::deliveryId).contains(acked);
        }
    }

    @Test
    void aDeliveryIsAcceptedOnceAndSurvivesReopening() {
        try (JobStore store = JobStore.open(dir)) {
            assertThat(store.accept("d-1", "issues", request(1), T0)).isEqualTo(JobStore.Acceptance.QUEUED);
            assertThat(store.accept("d-1", "issues", request(1), T0))
                    .isEqualTo(JobStore.Acceptance.DUPLICATE_DELIVERY);
        }
        try (JobStore store = JobStore.open(dir)) {
            assertThat(store.accept("d-1", "issues", request(1), T0))
                    .isEqualTo(JobStore.Acceptance.DUPLICATE_DELIVERY);
            assertThat(store.jobs()).hasSize(1);
        }
    }

    @Test
    void anIssueWithAJobInFlightGetsNoSecondJob() {
        try (JobStore store = JobStore.open(dir)) {
            store.accept("d-1", "issues", request(1), T0);
            assertThat(store.accept("d-2", "issue_comment", request(1), T0))
                    .isEqualTo(JobStore.Acceptance.ALREADY_ACTIVE);
            Job job = store.claimNext(id -> "run" + id, T0).orElseThrow();
            store.finish(job.id(), JobState.SUCCEEDED, "done", "https://pr", 0.5, T0.plusSeconds(30));
            // Once finished, asking again is a new request.
            assertThat(store.accept("d-3", "issue_comment", request(1), T0)).isEqualTo(JobStore.Acceptance.QUEUED);
            assertThat(store.jobs()).hasSize(2);
        }
    }

    @Test
    void jobsCutOffByAStopAreRequeuedOnceThenFailed() {
        try (JobStore store = JobStore.open(dir)) {
            store.accept("d-1", "issues", request(1), T0);
            Job claimed = store.claimNext(id -> "run" + id, T0).orElseThrow();
            assertThat(claimed.state()).isEqualTo(JobState.RUNNING);
            assertThat(claimed.runId()).isEqualTo("run1-a1");
            assertThat(store.claimNext(id -> "run" + id, T0)).isEmpty();
        }
        try (JobStore store = JobStore.open(dir)) {
            assertThat(store.recoverInterrupted(T0)).containsExactly(1, 0);
            Job again = store.claimNext(id -> "run" + id, T0).orElseThrow();
            assertThat(again.attempts()).isEqualTo(2);
            assertThat(again.runId()).isEqualTo("run1-a2");
        }
        try (JobStore store = JobStore.open(dir)) {
            assertThat(store.recoverInterrupted(T0)).containsExactly(0, 1);
            Job failed = store.jobs().getFirst();
            assertThat(failed.state()).isEqualTo(JobState.FAILED);
            assertThat(failed.reason()).contains("interrupted by a server restart");
            assertThat(store.claimNext(id -> "run" + id, T0)).isEmpty();
        }
    }

    @Test
    void totalsCountJobsByStateWithDurationsAndSpend() {
        try (JobStore store = JobStore.open(dir)) {
            store.accept("d-1", "issues", request(1), T0);
            store.accept("d-2", "issues", request(2), T0);
            store.accept("d-3", "issues", request(3), T0);
            Job a = store.claimNext(id -> "r" + id, T0).orElseThrow();
            Job b = store.claimNext(id -> "r" + id, T0).orElseThrow();
            store.finish(a.id(), JobState.SUCCEEDED, "ok", "u", 1.25, T0.plusSeconds(90));
            store.finish(b.id(), JobState.ABSTAINED, "weak", null, 0.5, T0.plusSeconds(30));

            var totals = store.totals();
            assertThat(totals).filteredOn(t -> t.state() == JobState.QUEUED).singleElement()
                    .extracting(JobStore.StateTotals::count).isEqualTo(1L);
            assertThat(totals).filteredOn(t -> t.state() == JobState.SUCCEEDED).singleElement()
                    .satisfies(t -> {
                        assertThat(t.durationSecondsSum()).isEqualTo(90.0);
                        assertThat(t.costUsd()).isEqualTo(1.25);
                    });
            assertThat(totals.stream().mapToDouble(JobStore.StateTotals::costUsd).sum()).isEqualTo(1.75);
        }
    }
}

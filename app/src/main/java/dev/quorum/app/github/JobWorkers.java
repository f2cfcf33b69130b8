package dev.quorum.app.github;

import dev.quorum.core.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of worker threads that take queued jobs from the store one at a time. The store is the
 * only queue: a worker that finds nothing waits until {@link #wake()} or a short poll interval.
 */
final class JobWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final JobStore store;
    private final IssueJobRunner runner;
    private final int concurrency;
    private final Clock clock;
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean halted;
    private final Redactor redactor;

    JobWorkers(JobStore store, IssueJobRunner runner, int concurrency, Clock clock, Redactor redactor) {
        this.redactor = redactor;
        this.store = store;
        this.runner = runner;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    synchronized void start() {
        running = true;
        for (int i = 0; i < concurrency; i++) {
            Thread t = Thread.ofPlatform().name("quorum-worker-" + i).daemon(true).unstarted(this::loop);
            threads.add(t);
            t.start();
        }
    }

    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Stops taking jobs and lets the running ones finish, waiting at most {@code timeout}. */
    void drain(Duration timeout) {
        running = false;
        wake();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops at once, as a crash would: running jobs are interrupted and their state is left as it is in the
     * store ({@code running}), for the next start to recover.
     */
    void halt() {
        halted = true;
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void loop() {
        while (running) {
            Optional<Job> next;
            try {
                next = store.claimNext(this::runId, clock.instant());
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.error("cannot read the job queue: {}", e.getMessage());
                next = Optional.empty();
            }
            if (next.isEmpty()) {
                synchronized (signal) {
                    try {
                        signal.wait(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            process(next.get());
        }
    }

    private void process(Job job) {
        LOG.info("job {}: solving {}#{} (run {}, attempt {})", job.id(), job.fullName(), job.issueNumber(),
                job.runId(), job.attempts());
        IssueJobRunner.Result result;
        try {
            result = runner.run(job);
        } catch (RuntimeException e) {
            result = new IssueJobRunner.Result(JobState.FAILED, redactor.redact(String.valueOf(e.getMessage())),
                    null, 0);
        }
        if (halted) {
            return; // a killed server records nothing more; the restart recovers the job
        }
        store.finish(job.id(), result.state(), result.reason(), result.prUrl(), result.costUsd(), clock.instant());
        LOG.info("job {}: {} ({})", job.id(), result.state().label(), result.reason());
    }

    private String runId(long jobId) {
        return RUN_STAMP.format(clock.instant()) + "-job" + jobId;
    }
}

package dev.quorum.agent;

import dev.quorum.core.Host;
import dev.quorum.core.Redactor;
import dev.quorum.core.RepoRef;
import dev.quorum.localization.CodeSearch;
import dev.quorum.model.ModelClient;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.sandbox.TestRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the trajectories of a request on virtual threads. Concurrency is bounded where it costs: sandboxes (a
 * slot per live sandbox, sized by free memory) and model calls (the client's own concurrency limit).
 */
final class ParallelRunner implements TrajectoryRunner {
    private final ModelClient model;
    private final SandboxProvider sandboxes;
    private final TestRunner tests;
    private final Redactor redactor;
    private final TrajectoryListener listener;
    private volatile RunStats lastStats;

    ParallelRunner(ModelClient model, SandboxProvider sandboxes, TestRunner tests, Redactor redactor,
                   TrajectoryListener listener) {
        this.model = model;
        this.sandboxes = sandboxes;
        this.tests = tests;
        this.redactor = java.util.Objects.requireNonNull(redactor, "redactor");
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
    }

    @Override
    public List<TrajectoryResult> run(AgentRequest request) {
        long started = System.nanoTime();
        AgentRequest.Limits limits = request.limits();
        SandboxSession.Slots slots = new SandboxSession.Slots(slotCount(request.trajectories(), limits));
        SandboxSpec spec = SandboxSpec.of(request.sandboxImage()).withLimits(new SandboxSpec.Limits(
                SandboxSpec.Limits.defaults().cpus(), limits.sandboxMemoryBytes(), SandboxSpec.Limits.defaults().pids()));
        List<TrajectoryResult> results = new ArrayList<>();
        // One BM25 index of the base commit for the whole run, built on the first bm25 search of any trajectory.
        CodeSearch index = CodeSearch.bm25(new RepoRef(request.repo().toString()), request.baseCommit());
        int resumed = 0;
        try (Worktree.Base base = Worktree.Base.open(request.repo(), request.baseCommit(),
                request.userTests().patch());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TrajectoryResult>> futures = new ArrayList<>();
            for (int n = 0; n < request.trajectories(); n++) {
                Optional<TrajectoryResult> done = EventLog.finished(request.runDir(), n);
                if (done.isPresent()) {
                    resumed++;
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(done.get()));
                    continue;
                }
                int trajectory = n;
                futures.add(threads.submit(() -> runOne(trajectory, request, base, spec, slots, index)));
            }
            for (Future<TrajectoryResult> f : futures) {
                results.add(join(f));
            }
        }
        lastStats = new RunStats(request.trajectories(), resumed, slots.size, slots.peak.get(), slots.made.get(),
                (System.nanoTime() - started) / 1_000_000);
        return List.copyOf(results);
    }

    @Override
    public RunStats lastRunStats() {
        return lastStats;
    }

    /** min(N, configured cap, available memory / per-sandbox memory), at least one. */
    static int slotCount(int trajectories, AgentRequest.Limits limits) {
        long free = Host.availableMemory(limits.sandboxMemoryBytes());
        long byMemory = Math.max(1, free / limits.sandboxMemoryBytes());
        return (int) Math.max(1, Math.min(Math.min(trajectories, limits.maxSandboxes()), byMemory));
    }

    private TrajectoryResult runOne(int index, AgentRequest request, Worktree.Base base, SandboxSpec spec,
                                    SandboxSession.Slots slots, CodeSearch codeIndex) {
        try (EventLog log = EventLog.create(request.runDir(), index, redactor)) {
            double temperature = Prompts.temperature(index, request.trajectories());
            log.append(log.event("start").put("format", EventLog.FORMAT_VERSION).put("base_commit", request.baseCommit())
                    .put("temperature", temperature).put("max_steps", request.limits().maxSteps())
                    .put("sandbox_image", request.sandboxImage()));
            listener.progress(new TrajectoryListener.Progress(index, 0, request.limits().maxSteps(), 0, 0, "starting",
                    false));
            Worktree worktree = null;
            Trajectory trajectory = null;
            TrajectoryOutcome outcome;
            try (SandboxSession sandbox = new SandboxSession(sandboxes, spec,
                    worktree = Worktree.create(base, request.runDir().resolve("worktrees").resolve(String.valueOf(index))),
                    slots)) {
                Tools tools = new Tools(worktree, sandbox, tests, request, redactor, codeIndex);
                String task = Prompts.task(index, request.trajectories(), request.issue().fullText(), request.localization(),
                        request.userTests());
                trajectory = new Trajectory(index, model.forTrajectory(request.limits().budget()), tools, log,
                        request.limits(), temperature, task, listener);
                outcome = trajectory.run();
            } catch (RuntimeException | Error e) {
                String error = redactor.describe(e);
                log.append(log.event("error").put("error", error));
                outcome = new TrajectoryOutcome.Crashed(error);
            }
            Worktree.Diff diff = worktree == null ? new Worktree.Diff(null, null) : safeDiff(worktree, log);
            TrajectoryResult candidate = new TrajectoryResult(index, diff.source(), diff.tests(), outcome,
                    trajectory == null ? 0 : trajectory.steps(),
                    trajectory == null ? null : trajectory.usage(), trajectory == null ? 0 : trajectory.costUsd(), false);
            log.outcome(candidate);
            listener.progress(new TrajectoryListener.Progress(index, candidate.steps(), request.limits().maxSteps(),
                    candidate.usage().totalTokens(), candidate.costUsd(), outcome.describe(), true));
            return candidate;
        }
    }

    private static Worktree.Diff safeDiff(Worktree worktree, EventLog log) {
        try {
            return worktree.diff();
        } catch (RuntimeException e) {
            log.append(log.event("error").put("error", "cannot diff the worktree: " + e));
            return new Worktree.Diff(null, null);
        }
    }

    private static TrajectoryResult join(Future<TrajectoryResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for trajectories", e);
        } catch (ExecutionException e) {
            // runOne catches everything it can; reaching here means the log itself could not be written.
            throw new IllegalStateException("a trajectory failed outside its own error handling: " + e.getCause(), e.getCause());
        }
    }
}

package dev.quorum.agent;

import dev.quorum.core.Task;
import dev.quorum.model.Budget;
import dev.quorum.model.ChatOutcome;
import dev.quorum.model.ChatRequest;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.Spend;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.FixtureTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orchestration overhead per step against the loopback scripted model, and 64 trajectories at once. Tools that
 * touch no container (view, str_replace); the 64-trajectory round also runs one command each in local-process
 * sandboxes so that sandbox slots are exercised without Docker.
 *
 * <p>Usage: {@code AgentBench [steps=200] [trajectories=64] [stepsEach=12]}
 */
public final class AgentBench {
    static final String FILE = "src/main/java/com/acme/strkit/Abbreviator.java";

    /** Times the model calls (its trajectory clients add to the same clock), so what is left is the trajectory's own cost. */
    static final class TimedClient implements ModelClient {
        final ModelClient inner;
        final AtomicLong nanos;

        TimedClient(ModelClient inner, AtomicLong nanos) {
            this.inner = inner;
            this.nanos = nanos;
        }

        public ChatOutcome chat(ChatRequest request) {
            long t = System.nanoTime();
            try {
                return inner.chat(request);
            } finally {
                nanos.addAndGet(System.nanoTime() - t);
            }
        }

        public ModelClient forTrajectory(Budget budget) {
            return new TimedClient(inner.forTrajectory(budget), nanos);
        }

        public ModelClient forJob(Budget budget) {
            return new TimedClient(inner.forJob(budget), nanos);
        }

        public ModelClient billedTo(ModelClient payer) {
            return new TimedClient(inner.billedTo(payer instanceof TimedClient timed ? timed.inner : payer), nanos);
        }

        public Spend spent() {
            return inner.spent();
        }
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int trajectories = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int stepsEach = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        Path dir = Files.createTempDirectory("quorum-agent-bench");
        Task task = FixtureTasks.materialize(dir.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__strkit-12")).findFirst().orElseThrow();
        Path repo = Path.of(task.repo().spec());
        try (ScriptedModelServer server = ScriptedModelServer.start().retainingLast(0);
             SandboxProvider local = Sandboxes.local()) {
            TimedClient client = new TimedClient(ModelClients.fromSettings(
                    server.settings(Provider.OPENAI_COMPATIBLE, "scripted").withLimits(64, 0)), new AtomicLong());
            // Warm-up, then the measured single trajectory: view and edit, alternating, then submit.
            script(server, 0, steps, false);
            for (int round = 0; round < 2; round++) {
                int n = steps;
                client.nanos.set(0);
                Path runDir = dir.resolve("single-" + round);
                long t0 = System.nanoTime();
                List<TrajectoryResult> one = TrajectoryRunner.create(client, local, TestRunner.maven())
                        .run(request(task, repo, runDir, 1, n + 2));
                long total = System.nanoTime() - t0;
                if (round == 1) {
                    int done = one.getFirst().steps();
                    System.out.printf("single trajectory: %d steps, %s; total %.1f ms/step, model calls %.1f ms/step,"
                                    + " orchestration %.2f ms/step%n", done, one.getFirst().outcome().describe(),
                            total / 1e6 / done, client.nanos.get() / 1e6 / done, (total - client.nanos.get()) / 1e6 / done);
                }
            }
        }
        // 64 at once: each views, edits, runs one command in its (local) sandbox, then views and edits again.
        try (ScriptedModelServer server = ScriptedModelServer.start().retainingLast(0);
             SandboxProvider local = Sandboxes.local()) {
            TimedClient client = new TimedClient(ModelClients.fromSettings(
                    server.settings(Provider.OPENAI_COMPATIBLE, "scripted").withLimits(64, 0)), new AtomicLong());
            for (int k = 0; k < trajectories; k++) {
                script(server, k, stepsEach, true);
            }
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            AtomicLong peakHeap = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            TrajectoryRunner runner = TrajectoryRunner.create(client, local, TestRunner.maven());
            long t0 = System.nanoTime();
            List<TrajectoryResult> many = runner.run(request(task, repo, dir.resolve("many"), trajectories, stepsEach + 2));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            sampler.interrupt();
            long submitted = many.stream().filter(c -> c.outcome().submitted()).count();
            var stats = runner.lastRunStats();
            many.stream().filter(c -> !c.outcome().submitted())
                    .forEach(c -> System.out.println("trajectory " + c.trajectory() + ": " + c.outcome().describe()));
            System.out.printf("%d trajectories x %d steps: %d submitted in %d ms; heap before %d MiB, peak %d MiB;"
                            + " sandbox slots %d, peak sandboxes alive %d, sandboxes made %d; peak concurrent model requests %d%n",
                    trajectories, stepsEach, submitted, ms, heapBefore >> 20, peakHeap.get() >> 20, stats.sandboxSlots(),
                    stats.peakSandboxes(), stats.sandboxesMade(), server.peakConcurrentRequests());
        } finally {
            dev.quorum.core.FileTrees.delete(dir);
        }
    }

    private static AgentRequest request(Task task, Path repo, Path runDir, int n, int maxSteps) {
        return new AgentRequest(repo, task.baseCommit(), task.issue(), null, task.build(), "local", n,
                AgentRequest.Limits.defaults().withMaxSteps(maxSteps), runDir);
    }

    /** Steps alternate view and an edit that flips one line back and forth; with a command, step 2 runs one. */
    private static void script(ScriptedModelServer server, int trajectory, int steps, boolean command) {
        ScriptedReply[] replies = new ScriptedReply[steps + 1];
        for (int s = 0; s < steps; s++) {
            if (command && s == 2) {
                replies[s] = Scripts.call("c" + s, "run_command", Map.of("command", "grep -c maxWidth " + FILE));
            } else if (s % 2 == 0) {
                replies[s] = Scripts.call("v" + s, "view", Map.of("path", FILE, "start_line", 20, "end_line", 40));
            } else {
                boolean forth = (s / 2) % 2 == 0;
                String a = "if (text.length() <= maxWidth) {";
                String b = "if (text.codePointCount(0, text.length()) <= maxWidth) {";
                replies[s] = Scripts.call("e" + s, "str_replace",
                        Map.of("path", FILE, "old_str", forth ? a : b, "new_str", forth ? b : a));
            }
        }
        replies[steps] = Scripts.submit("bench");
        Scripts.forTrajectory(server, trajectory, replies);
    }
}

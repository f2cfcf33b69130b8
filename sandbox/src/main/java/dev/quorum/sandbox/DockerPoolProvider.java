package dev.quorum.sandbox;

import com.github.dockerjava.api.model.Info;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes spread over several Docker engines, each new one on the engine with the most free room (its slots,
 * from its CPUs and memory over the sandbox's limits, less the sandboxes it runs). Images are copied to the engine
 * that needs them from one that has them. An engine that stops answering is drained: no new sandbox goes there, and
 * the work of its sandboxes fails with a {@link SandboxInfraException}, so that callers retry it on a fresh sandbox,
 * which lands on an engine that still answers.
 */
final class DockerPoolProvider implements SandboxProvider {
    private static final Logger LOG = LoggerFactory.getLogger(DockerPoolProvider.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    private final List<Member> members;
    private final ImageTransfer images = new ImageTransfer();

    /** One engine of the pool; its provider is null when it did not answer at start. */
    static final class Member {
        final DockerEngine engine;
        final DockerSandboxProvider provider;
        final int cpus;
        final long memoryBytes;
        final AtomicInteger running = new AtomicInteger();
        private volatile String drainedBecause;

        Member(DockerEngine engine) {
            this.engine = engine;
            DockerSandboxProvider made = null;
            int n = 0;
            long mem = 0;
            try {
                made = new DockerSandboxProvider(engine);
                Info info = engine.client().infoCmd().exec();
                n = info.getNCPU() == null ? 1 : info.getNCPU();
                mem = info.getMemTotal() == null ? 0 : info.getMemTotal();
            } catch (RuntimeException e) {
                drainedBecause = "did not answer at start: " + DockerEngine.rootMessage(e);
            }
            this.provider = made;
            this.cpus = Math.max(1, n);
            this.memoryBytes = mem;
        }

        boolean healthy() {
            return drainedBecause == null;
        }

        void drain(String why) {
            if (drainedBecause == null) {
                drainedBecause = why;
                LOG.warn("Docker engine {} drained: {}", engine.host(), why);
            }
        }

        /** Sandboxes of this shape the engine holds without oversubscribing its CPUs or memory, at least 1. */
        int slots(SandboxSpec.Limits limits) {
            long byCpu = (long) Math.floor(cpus / limits.cpus());
            long byMemory = memoryBytes <= 0 ? byCpu : memoryBytes / limits.memoryBytes();
            return (int) Math.max(1, Math.min(byCpu, byMemory));
        }

        int free(SandboxSpec.Limits limits) {
            return slots(limits) - running.get();
        }

        /** True when the engine is gone (and now drained); false when it still answers. */
        boolean failed() {
            EngineStatus status = engine.status();
            if (!status.reachable()) {
                drain(status.problem());
                return true;
            }
            return false;
        }

        /**
         * Polls {@link #failed()} for a while: an engine that is shutting down still answers its API after it
         * stopped its containers, and goes within this grace.
         */
        boolean failsWithinShutdownGrace() {
            long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
            while (!failed()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    DockerPoolProvider(List<DockerEngine> engines) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("a Docker pool needs at least one engine (--docker-host)");
        }
        List<Member> made = new ArrayList<>();
        engines.forEach(e -> made.add(new Member(e)));
        members = List.copyOf(made);
        if (members.stream().noneMatch(Member::healthy)) {
            throw new SandboxException("no engine of the Docker pool answers: " + members.stream()
                    .map(m -> m.engine.host() + " (" + m.drainedBecause + ")").toList());
        }
        members.stream().filter(m -> !m.healthy())
                .forEach(m -> LOG.warn("Docker engine {} left out of the pool: {}", m.engine.host(), m.drainedBecause));
    }

    List<Member> members() {
        return members;
    }

    @Override
    public Sandbox create(SandboxSpec spec) {
        List<String> failures = new ArrayList<>();
        while (true) {
            Optional<Member> chosen = members.stream().filter(Member::healthy)
                    .max(Comparator.comparingInt((Member m) -> m.free(spec.limits()))
                            .thenComparingInt(m -> -m.running.get()));
            if (chosen.isEmpty()) {
                throw new SandboxInfraException("no engine of the Docker pool answers any more: " + failures);
            }
            Member member = chosen.get();
            member.running.incrementAndGet();
            try {
                images.ensure(spec.image(), member.engine, members.stream().filter(Member::healthy)
                        .map(m -> m.engine).toList());
                Sandbox sandbox = member.provider.create(spec);
                return new PooledSandbox(sandbox, member);
            } catch (RuntimeException e) {
                member.running.decrementAndGet();
                // "daemon is shutting down": the engine still answers, but not for long.
                boolean goingDown = String.valueOf(DockerEngine.rootMessage(e)).contains("shutting down")
                        && member.failsWithinShutdownGrace();
                if (!goingDown && !member.failed()) {
                    throw e;
                }
                failures.add(member.engine.host() + ": " + DockerEngine.rootMessage(e));
            }
        }
    }

    @Override
    public boolean lostUnder(Sandbox sandbox) {
        return sandbox instanceof PooledSandbox pooled && pooled.lost();
    }

    @Override
    public Isolation isolation(SandboxSpec spec) {
        Isolation one = members.stream().filter(m -> m.provider != null).findFirst().orElseThrow()
                .provider.isolation(spec);
        long engines = members.stream().filter(Member::healthy).count();
        return new Isolation(one.isolated(), "docker-pool (" + engines + " engines)", one.network(), one.user(),
                one.limits(), one.hardening());
    }

    @Override
    public void close() {
        for (Member m : members) {
            if (m.provider != null) {
                try {
                    m.provider.close();
                } catch (RuntimeException e) {
                    LOG.warn("could not clean up on Docker engine {}: {}", m.engine.host(), e.getMessage());
                }
            }
        }
    }
}

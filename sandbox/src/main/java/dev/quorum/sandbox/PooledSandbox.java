package dev.quorum.sandbox;

import dev.quorum.core.Patch;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A sandbox on one engine of a pool. When an operation fails because its engine stopped answering, the engine is
 * drained and the failure becomes a {@link SandboxInfraException}: the sandbox is lost, the work is worth retrying.
 */
final class PooledSandbox implements Sandbox {
    private final Sandbox inner;
    private final DockerPoolProvider.Member member;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean lost;

    PooledSandbox(Sandbox inner, DockerPoolProvider.Member member) {
        this.inner = inner;
        this.member = member;
    }

    /** True when an operation failed because the engine stopped answering. */
    boolean lost() {
        return lost;
    }

    /** The Docker host the sandbox runs on. */
    String host() {
        return member.engine.host();
    }

    private <T> T guarded(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SandboxLimitException e) {
            throw e;
        } catch (RuntimeException e) {
            if (engineOrContainerGone()) {
                throw lostSandbox(DockerEngine.rootMessage(e), e);
            }
            throw e;
        }
    }

    /**
     * After a failed operation: is the sandbox gone under us? An engine that shuts down answers its API for a while
     * after it stopped its containers (it waits for them first), so a stopped container counts as much as an engine
     * that no longer answers. Our containers' first process only sleeps, so nothing the code under test does stops
     * the container; the engine did. Waits a little for such an engine to go, so that it is drained.
     */
    private boolean engineOrContainerGone() {
        if (member.failed()) {
            return true;
        }
        if (!(inner instanceof DockerSandbox docker) || docker.containerRunning()) {
            return false;
        }
        member.failsWithinShutdownGrace();
        return true;
    }

    /** Marks the sandbox lost and says why, for {@link SandboxProvider#withSandbox} to start the work over. */
    private SandboxInfraException lostSandbox(String cause, Exception e) {
        lost = true;
        release();
        return new SandboxInfraException("the Docker engine at " + host() + " stopped answering or stopped the"
                + " container; sandbox " + inner.id() + " is lost (" + cause + ")", e);
    }

    private void guarded(Runnable operation) {
        guarded(() -> {
            operation.run();
            return null;
        });
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public Isolation isolation() {
        return inner.isolation();
    }

    @Override
    public String scratchDir() {
        return inner.scratchDir();
    }

    @Override
    public void copyIn(Path hostDir, String dest) {
        guarded(() -> inner.copyIn(hostDir, dest));
    }

    @Override
    public void writeFile(String path, byte[] content) {
        guarded(() -> inner.writeFile(path, content));
    }

    @Override
    public byte[] readFile(String path) {
        return guarded(() -> inner.readFile(path));
    }

    @Override
    public void copyOut(String path, Path hostDir) {
        guarded(() -> inner.copyOut(path, hostDir));
    }

    @Override
    public PatchApplication applyPatch(Patch patch, String dir) {
        return guarded(() -> inner.applyPatch(patch, dir));
    }

    @Override
    public ExecResult run(Command command) {
        ExecResult result = guarded(() -> inner.run(command));
        // An engine that shuts down kills its containers first: the exec then ends "normally" with the kill's exit
        // status and no exception. A failed command is worth one look at whether the engine is still there.
        if (!result.succeeded() && engineOrContainerGone()) {
            throw lostSandbox("its command ended with it: " + describe(result), null);
        }
        return result;
    }

    private static String describe(ExecResult result) {
        return result instanceof ExecResult.Exited e ? "exit code " + e.exitCode() : result.getClass().getSimpleName();
    }

    @Override
    public boolean isAlive() {
        return inner.isAlive() && member.healthy();
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            release();
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            member.running.decrementAndGet();
        }
    }
}

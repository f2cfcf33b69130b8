package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Frame;
import dev.quorum.core.Patch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A sandbox backed by one long-lived container; commands run in it with {@code docker exec}. */
final class DockerSandbox implements Sandbox, ScratchRunner {
    static final String WORKSPACE = "/workspace";
    static final String SCRATCH = "/tmp/quorum";

    private final DockerClient docker;
    private final String containerId;
    private final Isolation isolation;
    private final int outputCap;
    private final AtomicBoolean alive = new AtomicBoolean(true);
    private final Runnable onClose;
    /** Why the sandbox was killed while in use (a limit it passed), or null. */
    private volatile String killedBecause;
    /** Open until the container is removed. */
    private final CountDownLatch removed = new CountDownLatch(1);

    DockerSandbox(DockerClient docker, String containerId, Isolation isolation, int outputCap, Runnable onClose) {
        this.docker = docker;
        this.containerId = containerId;
        this.isolation = isolation;
        this.outputCap = outputCap;
        this.onClose = onClose;
    }

    @Override
    public String id() {
        return containerId.substring(0, Math.min(12, containerId.length()));
    }

    @Override
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public String scratchDir() {
        return SCRATCH;
    }

    @Override
    public boolean isAlive() {
        return alive.get();
    }

    /** Whether the engine still runs the container; false when it stopped it or cannot say. */
    boolean containerRunning() {
        try {
            Boolean running = docker.inspectContainerCmd(containerId).exec().getState().getRunning();
            return Boolean.TRUE.equals(running);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void copyIn(Path hostDir, String dest) {
        requireAlive();
        if (!Files.isDirectory(hostDir)) {
            throw new SandboxException("cannot copy " + hostDir + " into the sandbox: not a directory");
        }
        String target = absolute(dest);
        mkdirs(target);
        withTempTar(out -> TarArchives.writeDirectory(hostDir, "", DockerImages.UID, DockerImages.GID, out),
                in -> docker.copyArchiveToContainerCmd(containerId).withRemotePath(target).withTarInputStream(in)
                        .exec());
    }

    @Override
    public void writeFile(String path, byte[] content) {
        requireAlive();
        writeAbsolute(absolute(path), content);
    }

    @Override
    public String writeScratch(String name, byte[] content) {
        String path = SCRATCH + "/" + name;
        writeAbsolute(path, content);
        return path;
    }

    private void writeAbsolute(String path, byte[] content) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash);
        mkdirs(dir);
        withTempTar(out -> TarArchives.writeFile(path.substring(slash + 1), content, DockerImages.UID,
                        DockerImages.GID, out),
                in -> docker.copyArchiveToContainerCmd(containerId).withRemotePath(dir).withTarInputStream(in)
                        .exec());
    }

    @Override
    public byte[] readFile(String path) {
        requireAlive();
        try (InputStream in = docker.copyArchiveFromContainerCmd(containerId, absolute(path)).exec()) {
            return TarArchives.readSingleFile(in, path);
        } catch (IOException e) {
            throw TarArchives.unchecked("cannot read " + path + " from sandbox " + id(), e);
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            throw new SandboxException("no file " + path + " in sandbox " + id());
        }
    }

    @Override
    public void copyOut(String path, Path hostDir) {
        requireAlive();
        try (InputStream in = docker.copyArchiveFromContainerCmd(containerId, absolute(path)).exec()) {
            Files.createDirectories(hostDir);
            TarArchives.extract(in, hostDir);
        } catch (IOException e) {
            throw TarArchives.unchecked("cannot copy " + path + " out of sandbox " + id(), e);
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            throw new SandboxException("no file or directory " + path + " in sandbox " + id());
        }
    }

    @Override
    public PatchApplication applyPatch(Patch patch, String dir) {
        requireAlive();
        return PatchApplier.apply(this, patch, dir);
    }

    @Override
    public ExecResult run(Command command) {
        requireAlive();
        List<String> env = new ArrayList<>();
        command.env().forEach((k, v) -> env.add(k + "=" + v));
        ExecCreateCmdResponse exec = docker.execCreateCmd(containerId)
                .withCmd(command.argv().toArray(String[]::new))
                .withWorkingDir(absolute(command.workdir()))
                .withEnv(env)
                .withUser(DockerImages.UID + ":" + DockerImages.GID)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec();
        OutputCollector output = new OutputCollector(outputCap);
        long start = System.nanoTime();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                byte[] payload = frame.getPayload();
                if (payload != null) {
                    output.accept(payload, 0, payload.length);
                }
            }
        };
        docker.execStartCmd(exec.getId()).exec(callback);
        boolean finished;
        try {
            finished = callback.awaitCompletion(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new SandboxException("interrupted while running '" + command + "'; sandbox " + id() + " killed");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (killedBecause != null) {
            closeQuietly(callback);
            throw limitPassed(command);
        }
        if (!finished) {
            // docker exec has no kill: the only sure way to stop the command and all it forked is the container.
            kill();
            closeQuietly(callback);
            return new ExecResult.TimedOut(command.timeout(), output.result(), elapsed);
        }
        Long exitCode;
        try {
            exitCode = docker.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
        } catch (RuntimeException e) {
            if (killedBecause != null) {
                throw limitPassed(command);
            }
            throw e;
        }
        return new ExecResult.Exited(exitCode == null ? -1 : exitCode.intValue(), output.result(), elapsed);
    }

    /** The exception for a command cut short by {@link #killBecause}, once the container is gone. */
    private SandboxLimitException limitPassed(Command command) {
        try {
            removed.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new SandboxLimitException(killedBecause + " while running '" + command + "'");
    }

    /** Kills the sandbox for passing a limit; a command running in it ends with a {@link SandboxLimitException}. */
    void killBecause(String reason) {
        killedBecause = reason;
        kill();
    }

    private void kill() {
        if (alive.compareAndSet(true, false)) {
            try {
                Reaper.remove(docker, containerId);
                onClose.run();
            } finally {
                removed.countDown();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void mkdirs(String dir) {
        ExecResult r = run(new Command(List.of("mkdir", "-p", dir), "", Map.of(), Duration.ofSeconds(30)));
        if (!r.succeeded()) {
            throw new SandboxException("cannot create " + dir + " in sandbox " + id() + ": " + r.output().text());
        }
    }

    private void requireAlive() {
        if (killedBecause != null) {
            throw new SandboxLimitException(killedBecause);
        }
        if (!alive.get()) {
            throw new SandboxException("sandbox " + id() + " is gone (destroyed, or killed at a timeout)");
        }
    }

    static String absolute(String path) {
        if (path == null || path.isEmpty() || path.equals(".")) {
            return WORKSPACE;
        }
        if (path.startsWith("/")) {
            return path;
        }
        return WORKSPACE + "/" + path;
    }

    private void withTempTar(TarArchives.TarWriter writer, TarArchives.TarSender sender) {
        TarArchives.throughTempFile("cannot copy into sandbox " + id(), writer, sender);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the container is already gone
        }
    }
}

package dev.quorum.sandbox;

import dev.quorum.core.FileTrees;
import dev.quorum.core.Patch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** A directory on the host. Offers the same operations as a container and protects nothing. */
final class LocalSandbox implements Sandbox, ScratchRunner {
    private final Path root;
    private final Path workspace;
    private final Path scratch;
    private final Isolation isolation;
    private final int outputCap;
    private final AtomicBoolean alive = new AtomicBoolean(true);

    LocalSandbox(Isolation isolation, int outputCap) {
        this.isolation = isolation;
        this.outputCap = outputCap;
        try {
            root = Files.createTempDirectory("quorum-local-sandbox-");
            workspace = Files.createDirectories(root.resolve("workspace"));
            scratch = Files.createDirectories(root.resolve("scratch"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local sandbox directory", e);
        }
    }

    @Override
    public String id() {
        return "local-" + root.getFileName();
    }

    @Override
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public String scratchDir() {
        return scratch.toString();
    }

    @Override
    public boolean isAlive() {
        return alive.get();
    }

    private Path resolve(String path) {
        requireAlive();
        if (path == null || path.isEmpty()) {
            return workspace;
        }
        Path p = path.startsWith("/") ? Path.of(path) : workspace.resolve(path);
        p = p.normalize();
        if (!p.startsWith(root)) {
            throw new SandboxException("path " + path + " is outside sandbox " + id());
        }
        return p;
    }

    @Override
    public void copyIn(Path hostDir, String dest) {
        copyTree(hostDir, resolve(dest));
    }

    @Override
    public void writeFile(String path, byte[] content) {
        write(resolve(path), content);
    }

    @Override
    public String writeScratch(String name, byte[] content) {
        Path p = scratch.resolve(name);
        write(p, content);
        return p.toString();
    }

    private static void write(Path p, byte[] content) {
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }

    @Override
    public byte[] readFile(String path) {
        Path p = resolve(path);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new SandboxException("no file " + path + " in sandbox " + id());
        }
    }

    @Override
    public void copyOut(String path, Path hostDir) {
        Path source = resolve(path);
        if (Files.isDirectory(source)) {
            copyTree(source, hostDir.resolve(source.getFileName().toString()));
        } else {
            try {
                Files.createDirectories(hostDir);
                Files.copy(source, hostDir.resolve(source.getFileName().toString()),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + path + " out of " + id(), e);
            }
        }
    }

    @Override
    public PatchApplication applyPatch(Patch patch, String dir) {
        return PatchApplier.apply(this, patch, dir);
    }

    @Override
    public ExecResult run(Command command) {
        Path dir = resolve(command.workdir());
        HostProcess.Result r = HostProcess.run(command.argv(), dir, command.timeout(), null, outputCap,
                command.env());
        if (r.timedOut()) {
            close();
            return new ExecResult.TimedOut(command.timeout(), r.output(), r.elapsed());
        }
        return new ExecResult.Exited(r.exitCode(), r.output(), r.elapsed());
    }

    @Override
    public void close() {
        if (alive.compareAndSet(true, false)) {
            FileTrees.deleteQuietly(root);
        }
    }

    private void requireAlive() {
        if (!alive.get()) {
            throw new SandboxException("sandbox " + id() + " is gone (destroyed, or killed at a timeout)");
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }
}

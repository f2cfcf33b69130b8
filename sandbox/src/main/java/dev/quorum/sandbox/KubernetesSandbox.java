package dev.quorum.sandbox;

import dev.quorum.core.Patch;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sandbox backed by one pod; commands run in it over the API's exec, files travel as tar streams through exec.
 * A timeout deletes the pod: exec has no kill, as docker exec has none.
 */
final class KubernetesSandbox implements Sandbox, ScratchRunner {
    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    private final Isolation isolation;
    private final int outputCap;
    private final Runnable remove;
    private final AtomicBoolean alive = new AtomicBoolean(true);
    private volatile boolean lost;

    KubernetesSandbox(KubernetesClient client, String namespace, String pod, Isolation isolation, int outputCap,
                      Runnable remove) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
        this.isolation = isolation;
        this.outputCap = outputCap;
        this.remove = remove;
    }

    @Override
    public String id() {
        return pod;
    }

    @Override
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public String scratchDir() {
        return DockerSandbox.SCRATCH;
    }

    @Override
    public boolean isAlive() {
        return alive.get();
    }

    @Override
    public void copyIn(Path hostDir, String dest) {
        requireAlive();
        if (!Files.isDirectory(hostDir)) {
            throw new SandboxException("cannot copy " + hostDir + " into the sandbox: not a directory");
        }
        TarArchives.throughTempFile("cannot copy " + hostDir + " into sandbox " + pod,
                out -> TarArchives.writeDirectory(hostDir, "", DockerImages.UID, DockerImages.GID, out),
                in -> untar(DockerSandbox.absolute(dest), in));
    }

    @Override
    public void writeFile(String path, byte[] content) {
        requireAlive();
        writeAbsolute(DockerSandbox.absolute(path), content);
    }

    @Override
    public String writeScratch(String name, byte[] content) {
        String path = DockerSandbox.SCRATCH + "/" + name;
        writeAbsolute(path, content);
        return path;
    }

    private void writeAbsolute(String path, byte[] content) {
        int slash = path.lastIndexOf('/');
        var tar = new java.io.ByteArrayOutputStream();
        try {
            TarArchives.writeFile(path.substring(slash + 1), content, DockerImages.UID, DockerImages.GID, tar);
        } catch (IOException e) {
            throw TarArchives.unchecked("cannot write " + path + " in sandbox " + pod, e);
        }
        untar(slash == 0 ? "/" : path.substring(0, slash), new ByteArrayInputStream(tar.toByteArray()));
    }

    /** Unpacks a tar stream into a directory of the pod, creating it. */
    private void untar(String dir, InputStream tar) {
        ExecResult r = exec(List.of("sh", "-c", "mkdir -p \"$0\" && tar -x -f - -C \"$0\"", dir), tar, null,
                Duration.ofMinutes(10));
        if (!r.succeeded()) {
            throw new SandboxException("cannot unpack into " + dir + " in sandbox " + pod + ": " + r.output().text());
        }
    }

    @Override
    public byte[] readFile(String path) {
        requireAlive();
        try (InputStream in = tarOf(DockerSandbox.absolute(path))) {
            return TarArchives.readSingleFile(in, path);
        } catch (IOException e) {
            throw TarArchives.unchecked("cannot read " + path + " from sandbox " + pod, e);
        }
    }

    @Override
    public void copyOut(String path, Path hostDir) {
        requireAlive();
        try (InputStream in = tarOf(DockerSandbox.absolute(path))) {
            Files.createDirectories(hostDir);
            TarArchives.extract(in, hostDir);
        } catch (IOException e) {
            throw TarArchives.unchecked("cannot copy " + path + " out of sandbox " + pod, e);
        }
    }

    /** A tar stream of one path (named by its last component, as docker cp names it). */
    private InputStream tarOf(String absolute) throws IOException {
        int slash = absolute.lastIndexOf('/');
        String parent = slash == 0 ? "/" : absolute.substring(0, slash);
        var bytes = new java.io.ByteArrayOutputStream();
        ExecResult r = exec(List.of("tar", "-c", "-f", "-", "-C", parent, absolute.substring(slash + 1)), null,
                bytes, Duration.ofMinutes(10));
        if (!r.succeeded()) {
            throw new SandboxException("no file or directory " + absolute + " in sandbox " + pod + ": "
                    + r.output().text());
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    @Override
    public PatchApplication applyPatch(Patch patch, String dir) {
        requireAlive();
        return PatchApplier.apply(this, patch, dir);
    }

    @Override
    public ExecResult run(Command command) {
        requireAlive();
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec env \"$@\"",
                DockerSandbox.absolute(command.workdir())));
        command.env().forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(command.argv());
        return exec(argv, null, null, command.timeout());
    }

    /**
     * Runs argv in the pod's container. {@code stdin} is fed and closed when given; {@code stdout} receives the
     * standard output whole when given (else it goes, with standard error, to the capped output).
     */
    private ExecResult exec(List<String> argv, InputStream stdin, OutputStream stdout, Duration timeout) {
        OutputCollector output = new OutputCollector(outputCap);
        OutputStream collected = new OutputStream() {
            @Override
            public void write(int b) {
                output.accept(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                output.accept(b, off, len);
            }
        };
        ContainerResource container = client.pods().inNamespace(namespace).withName(pod)
                .inContainer(KubernetesPods.CONTAINER);
        long start = System.nanoTime();
        ExecWatch watch;
        try {
            io.fabric8.kubernetes.client.dsl.TtyExecOutputErrorable input =
                    stdin == null ? container : container.redirectingInput();
            watch = input.writingOutput(stdout == null ? collected : stdout).writingError(collected)
                    .exec(argv.toArray(String[]::new));
        } catch (KubernetesClientException e) {
            if (!ApiRetry.retryable(e)) {
                throw new SandboxException("cannot run '" + String.join(" ", argv) + "' in pod " + pod + ": "
                        + e.getMessage(), e);
            }
            lost = true;
            throw new SandboxInfraException("cannot run '" + String.join(" ", argv) + "' in pod " + pod + ": "
                    + e.getMessage(), e);
        }
        try (watch) {
            if (stdin != null) {
                try (OutputStream in = watch.getInput()) {
                    stdin.transferTo(in);
                }
            }
            Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (code == null) {
                // The stream closed without the status the kubelet sends when a command ends: the connection broke.
                lost = true;
                throw new SandboxInfraException("the exec connection to pod " + pod + " closed before '"
                        + String.join(" ", argv) + "' ended");
            }
            return new ExecResult.Exited(code, output.result(), Duration.ofNanos(System.nanoTime() - start));
        } catch (TimeoutException e) {
            close();
            return new ExecResult.TimedOut(timeout, output.result(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SandboxException("interrupted while running a command; sandbox " + pod + " removed");
        } catch (ExecutionException | IOException e) {
            lost = true;
            throw new SandboxInfraException("the exec connection to pod " + pod + " broke: "
                    + DockerEngine.rootMessage(e), e);
        }
    }

    /** True when an exec connection to the pod failed (the API or the node), not the command in it. */
    boolean lost() {
        return lost;
    }

    private void requireAlive() {
        if (!alive.get()) {
            throw new SandboxException("sandbox " + pod + " is gone (destroyed, or killed at a timeout)");
        }
    }

    @Override
    public void close() {
        if (alive.compareAndSet(true, false)) {
            remove.run();
        }
    }
}

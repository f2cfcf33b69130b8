package dev.quorum.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program on the host with a wall-clock limit, killing its whole process tree when the limit passes. */
final class HostProcess {
    private HostProcess() {
    }

    record Result(int exitCode, CapturedOutput output, boolean timedOut, Duration elapsed) {
        String tail(int lines) {
            List<String> all = output.text().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    static Result run(List<String> argv, Path dir, Duration timeout) {
        return run(argv, dir, timeout, null, SandboxSpec.DEFAULT_OUTPUT_CAP, java.util.Map.of());
    }

    /**
     * @param stdinFrom when not null, copied to the process's stdin
     */
    static Result run(List<String> argv, Path dir, Duration timeout, InputStream stdinFrom, int outputCap,
                      java.util.Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().putAll(env);
        if (stdinFrom == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start '" + argv.getFirst() + "': " + e.getMessage(), e);
        }
        OutputCollector output = new OutputCollector(outputCap);
        Thread reader = Thread.ofVirtual().start(() -> pump(process.getInputStream(), output));
        Thread writer = stdinFrom == null ? null : Thread.ofVirtual().start(() -> {
            try (var out = process.getOutputStream()) {
                stdinFrom.transferTo(out);
            } catch (IOException ignored) {
                // the process closed its stdin early; its exit code tells what happened
            }
        });
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(Duration.ofSeconds(10));
            if (writer != null) {
                writer.join(Duration.ofSeconds(10));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Result(finished ? process.exitValue() : -1, output.result(), !finished, elapsed);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running " + argv.getFirst());
        }
    }

    private static void pump(InputStream in, OutputCollector output) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) {
                output.accept(buf, 0, n);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}

package dev.quorum.harness;

import dev.quorum.core.FileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where a run keeps its files: {@code runs/<run-id>/{results.jsonl, report.json, report.md, logs/<instance>/}}. */
record RunLayout(Path runDir) {

    Path results() {
        return runDir.resolve("results.jsonl");
    }

    Path reportJson() {
        return runDir.resolve("report.json");
    }

    Path reportMarkdown() {
        return runDir.resolve("report.md");
    }

    Path config() {
        return runDir.resolve("config.json");
    }

    /** Logs of one instance: {@code build.log}, {@code patch-apply.log}, {@code patch.diff}. */
    InstanceLogs logs(String instanceId) {
        return new InstanceLogs(runDir.resolve("logs").resolve(fileName(instanceId)));
    }

    /** A scratch directory for the instance's checkout, removed when the instance is done. */
    Path work(String instanceId) {
        return runDir.resolve("work").resolve(fileName(instanceId));
    }

    /** Sanitized and collision-free: {@code a/b} and {@code a_b} get directories of their own. */
    static String fileName(String instanceId) {
        return FileNames.forId(instanceId);
    }

    /** Writes via a temporary file and a rename, so a reader (or a crash) never sees half a file. */
    static void writeAtomically(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeAtomically(Path file, String content) {
        writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.quorum.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The log directory of one instance. Logs help a reader; failing to write one never changes a grade. */
record InstanceLogs(Path dir) {

    void write(String name, byte[] content) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    void write(String name, String text) {
        write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    void append(String name, String text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** Starts afresh: a resumed instance must not show the logs of an attempt that never finished. */
    void clear() {
        try {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        if (Files.isRegularFile(f)) {
                            Files.delete(f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }
}

package dev.quorum.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code results.jsonl}: one line per graded instance, appended, flushed and fsynced before the next instance is
 * reported, so a {@code kill -9} loses at most the line being written. On opening, a torn last line (no newline
 * at its end) is cut off, and every complete line counts as done; a later line for an instance wins.
 */
final class ResultsLog implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;
    private final FileChannel channel;
    private final Map<String, InstanceResult> results;

    private ResultsLog(Path file, FileChannel channel, Map<String, InstanceResult> results) {
        this.file = file;
        this.channel = channel;
        this.results = results;
    }

    static ResultsLog open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end < bytes.length) {
                channel.truncate(end);
                channel.force(true);
            }
            channel.position(end);
            Map<String, InstanceResult> results = new LinkedHashMap<>();
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                InstanceResult result = parse(line);
                if (result != null) {
                    results.put(result.instanceId(), result);
                }
            }
            return new ResultsLog(file, channel, results);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** A line that does not parse (edited by hand, or torn in the middle of a file) is treated as not graded. */
    private static InstanceResult parse(String line) {
        try {
            return JSON.readValue(line, InstanceResult.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The latest result of every instance in the file. */
    synchronized Map<String, InstanceResult> results() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    synchronized void append(InstanceResult result) {
        try {
            byte[] line = (JSON.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
            results.put(result.instanceId(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // every line was forced to disk when written
        }
    }
}

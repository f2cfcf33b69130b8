package dev.quorum.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code cap} bytes of a stream of output and counts the rest. Thread-safe. */
final class OutputCollector {
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    OutputCollector(int cap) {
        this.cap = cap;
    }

    synchronized void accept(byte[] data, int offset, int length) {
        total += length;
        int room = cap - kept.size();
        if (room > 0) {
            kept.write(data, offset, Math.min(room, length));
        }
    }

    synchronized CapturedOutput result() {
        return new CapturedOutput(kept.toString(StandardCharsets.UTF_8), total, total > kept.size());
    }
}

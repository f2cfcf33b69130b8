package dev.quorum.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import dev.quorum.core.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Record and replay of exchanges. One file per exchange: {@code <sha256 of path + body>-<k>.json}, where k
 * counts earlier identical requests in the same run, so that n identical sampling calls replay as the n
 * different answers they got. Replay serves the highest k recorded when asked for more.
 *
 * <p>The key never includes headers, so keys cannot leak into it; every text in a stored file also goes through
 * the core {@link Redactor} (the client's API keys and every credential shape). Only final answers are stored
 * (not 429/5xx), so a replay never waits on backoff.
 */
final class Recording {
    static final String REDACTED = Redactor.MARK;
    private static final ObjectMapper MAPPER = Json.mapper();

    private Recording() {
    }

    static String key(Wire.Request request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(request.path().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(request.body());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }

    static String redact(String text, List<String> secrets) {
        return Redactor.patternsOnly().withSecrets(secrets).redact(text);
    }

    /** Passes through to the network and writes each final exchange into a directory. */
    static final class Recorder implements Wire.Transport {
        private final Wire.Transport network;
        private final Path dir;
        private final Redactor redactor;
        private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

        Recorder(Wire.Transport network, Path dir, List<String> secrets) throws IOException {
            this.network = network;
            this.dir = Files.createDirectories(dir);
            this.redactor = Redactor.patternsOnly().withSecrets(secrets);
        }

        @Override
        public Wire.Response send(Wire.Request request) throws IOException {
            Wire.Response response = network.send(request);
            if (!response.retryable()) {
                write(request, response);
            }
            return response;
        }

        private void write(Wire.Request request, Wire.Response response) throws IOException {
            String key = key(request);
            int occurrence = seen.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
            ObjectNode file = MAPPER.createObjectNode();
            file.put("key", key);
            file.put("path", request.path());
            String requestText = new String(request.body(), StandardCharsets.UTF_8);
            try {
                file.set("request", MAPPER.readTree(requestText));
            } catch (IOException notJson) {
                file.put("request", requestText);
            }
            ObjectNode answer = file.putObject("response");
            answer.put("status", response.status());
            String contentType = response.header("content-type");
            if (contentType != null) {
                answer.put("contentType", contentType);
            }
            answer.put("body", response.body());
            String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(redactor.redact(file));
            Path target = dir.resolve(key + "-" + occurrence + ".json");
            Path temp = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void close() {
            network.close();
        }
    }

    /** Serves recorded exchanges; never touches the network. */
    static final class Replayer implements Wire.Transport {
        private final Path dir;
        private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

        Replayer(Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("replay directory " + dir + " does not exist");
            }
            this.dir = dir;
        }

        @Override
        public Wire.Response send(Wire.Request request) throws IOException {
            String key = key(request);
            int occurrence = seen.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
            Path file = dir.resolve(key + "-" + occurrence + ".json");
            for (int k = occurrence - 1; !Files.exists(file) && k >= 0; k--) {
                file = dir.resolve(key + "-" + k + ".json");
            }
            if (!Files.exists(file)) {
                throw new Wire.NotRecordedException("replay: no recorded exchange for this request (key " + key
                        + ", path " + request.path() + ") in " + dir
                        + "; the prompt, tools or sampling settings differ from the recorded run. Record it again with --record.");
            }
            JsonNode stored = MAPPER.readTree(file.toFile());
            JsonNode answer = stored.path("response");
            String contentType = answer.path("contentType").asText("application/json");
            return new Wire.Response(answer.path("status").asInt(), Map.of("content-type", List.of(contentType)),
                    answer.path("body").asText());
        }
    }
}

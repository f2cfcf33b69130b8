package dev.quorum.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads and writes JSONL, one record a line, turning each bad line into a {@link LineError}. */
final class JsonLines {
    private static final ObjectMapper MAPPER = Json.mapper();

    private JsonLines() {
    }

    static <T> LoadResult<T> read(Path file, Function<JsonNode, T> decoder) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<T> items = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        // Split on LF only: a CR before it is JSON whitespace, and CRs inside patches are escaped as \r.
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                errors.add(new LineError(file, lineNumber, "<json>", "not valid JSON: " + e.getOriginalMessage()));
                continue;
            }
            if (!(node instanceof ObjectNode)) {
                errors.add(new LineError(file, lineNumber, "<json>", "expected a JSON object, found "
                        + Fields.kind(node)));
                continue;
            }
            try {
                items.add(decoder.apply(node));
            } catch (BadField e) {
                errors.add(new LineError(file, lineNumber, e.field(), e.getMessage()));
            }
        }
        return new LoadResult<>(items, errors);
    }

    static <T> void write(Path file, List<T> items, Function<T, ObjectNode> encoder) {
        StringBuilder out = new StringBuilder();
        try {
            for (T item : items) {
                out.append(MAPPER.writeValueAsString(encoder.apply(item))).append('\n');
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}

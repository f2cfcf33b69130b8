package dev.quorum.tasks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and writes JSONL, one record a line, turning each bad line into a {@link LineError}: a line that is not
 * UTF-8, not JSON, more than one JSON value (two records run together), or a record a decoder refuses.
 */
final class JsonLines {
    private static final ObjectMapper MAPPER = Json.mapper();

    private JsonLines() {
    }

    static <T> LoadResult<T> read(Path file, Function<JsonNode, T> decoder) {
        return read(file, decoder, null);
    }

    /** @param knownKeys the top-level keys a record may have; any other is warned about; null for no check */
    static <T> LoadResult<T> read(Path file, Function<JsonNode, T> decoder, Set<String> knownKeys) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<T> items = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        List<LineError> warnings = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            lineNumber++;
            // Split on LF only: a CR before it is JSON whitespace, and CRs inside patches are escaped as \r.
            readLine(file, lineNumber, content, start, end, decoder, knownKeys, items, errors, warnings);
            start = end + 1;
        }
        return new LoadResult<>(items, errors, warnings);
    }

    private static <T> void readLine(Path file, int lineNumber, byte[] content, int start, int end,
                                     Function<JsonNode, T> decoder, Set<String> knownKeys, List<T> items,
                                     List<LineError> errors, List<LineError> warnings) {
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            errors.add(new LineError(file, lineNumber, "<encoding>", "not valid UTF-8 (" + e.getMessage()
                    + "); save the file as UTF-8"));
            return;
        }
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.isBlank()) {
            return;
        }
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(line)) {
            node = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                errors.add(new LineError(file, lineNumber, "<json>", "holds more than one JSON value (two records"
                        + " on one line? each record must end with a newline); the line was not read"));
                return;
            }
        } catch (JsonProcessingException e) {
            errors.add(new LineError(file, lineNumber, "<json>", "not valid JSON: " + e.getOriginalMessage()));
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(node instanceof ObjectNode)) {
            errors.add(new LineError(file, lineNumber, "<json>", "expected a JSON object, found "
                    + Fields.kind(node)));
            return;
        }
        try {
            items.add(decoder.apply(node));
        } catch (BadField e) {
            errors.add(new LineError(file, lineNumber, e.field(), e.getMessage()));
            return;
        }
        if (knownKeys != null) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!knownKeys.contains(name)) {
                    warnings.add(new LineError(file, lineNumber, name, "unknown key, ignored"
                            + Fields.closest(name, knownKeys).map(k -> " (did you mean " + k + "?)").orElse("")));
                }
            }
        }
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

    static void append(Path file, ObjectNode line) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            byte[] bytes = (MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}

package dev.quorum.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.core.Json;
import dev.quorum.core.TestId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Typed access to the fields of one JSON record, failing with {@link BadField} naming the field. */
final class Fields {
    private static final ObjectMapper MAPPER = Json.mapper();

    private Fields() {
    }

    static String requiredText(JsonNode record, String field) {
        String value = optionalText(record, field);
        if (value == null || value.isBlank()) {
            throw new BadField(field, "is missing or empty");
        }
        return value;
    }

    /** A string field; numbers are accepted as their text, {@code null} and absent give {@code null}. */
    static String optionalText(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.asText();
        }
        throw new BadField(field, "must be a string, found " + kind(node));
    }

    /**
     * A list of test ids. Both a JSON array and a JSON-encoded string holding an array occur in the wild
     * (SWE-bench on the hub stores the latter), so both are read.
     */
    static List<TestId> testIds(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            if (text.isEmpty()) {
                return List.of();
            }
            try {
                node = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new BadField(field, "is a string but not a JSON-encoded array of test ids: "
                        + e.getOriginalMessage());
            }
        }
        if (!node.isArray()) {
            throw new BadField(field, "must be an array of test ids, found " + kind(node));
        }
        List<TestId> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String where = field + "[" + i + "]";
            if (!item.isTextual()) {
                throw new BadField(where, "must be a string like com.acme.FooTest#bar, found " + kind(item));
            }
            try {
                ids.add(TestId.parse(item.textValue()));
            } catch (IllegalArgumentException e) {
                throw new BadField(where, e.getMessage());
            }
        }
        return ids;
    }

    /** The known key a typo most likely meant: the same letters ignoring case, or at most two edits away. */
    static Optional<String> closest(String name, Collection<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(lower, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance: key names are short, so the plain two-row table is enough. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}

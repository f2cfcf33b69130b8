package dev.quorum.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.core.Json;
import dev.quorum.core.TestId;
import java.util.ArrayList;
import java.util.List;

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

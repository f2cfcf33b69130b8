package dev.quorum.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.core.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A tool call's arguments, with the errors a model can act on when one is missing or of the wrong kind. */
record ToolArgs(JsonNode node) {
    private static final ObjectMapper JSON = Json.mapper();

    static ToolArgs parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new ToolError("arguments must be a JSON object, got: " + Tools.truncate(json, 200));
            }
            return new ToolArgs(node);
        } catch (IOException e) {
            throw new ToolError("arguments are not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** A string argument that must be given and not blank. */
    String text(String field) {
        String value = rawText(field);
        if (value.isBlank()) {
            throw new ToolError("argument '" + field + "' must not be empty");
        }
        return value;
    }

    /** A string argument that must be given; blank is allowed (a replacement text, a file's content). */
    String rawText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new ToolError("missing argument '" + field + "'");
        }
        if (!v.isTextual()) {
            throw new ToolError("argument '" + field + "' must be a string");
        }
        return v.asText();
    }

    String textOr(String field, String otherwise) {
        return node.path(field).asText(otherwise);
    }

    int integerOr(String field, int otherwise) {
        return node.path(field).asInt(otherwise);
    }

    boolean flag(String field) {
        return node.path(field).asBoolean(false);
    }

    List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}

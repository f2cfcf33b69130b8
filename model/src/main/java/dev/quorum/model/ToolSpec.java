package dev.quorum.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Json;
import java.util.Objects;

/**
 * A tool (function) the model may call.
 *
 * @param parameters JSON Schema of the arguments object (OpenAI {@code parameters}, Anthropic {@code input_schema})
 */
public record ToolSpec(String name, String description, JsonNode parameters) {

    public ToolSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(parameters, "parameters");
        if (!parameters.isObject()) {
            throw new IllegalArgumentException("tool " + name + ": parameters must be a JSON Schema object");
        }
    }

    public static ToolSpec of(String name, String description, String parametersSchemaJson) {
        try {
            return new ToolSpec(name, description, Json.mapper().readTree(parametersSchemaJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tool " + name + ": schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}

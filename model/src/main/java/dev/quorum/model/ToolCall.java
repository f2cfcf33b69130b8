package dev.quorum.model;

import java.util.Objects;

/**
 * A call the model asked for.
 *
 * @param argumentsJson the arguments as JSON text, as OpenAI sends them; Anthropic's {@code input} object
 *     is serialized to the same form. Not validated: models do emit broken JSON, and the caller decides.
 */
public record ToolCall(String id, String name, String argumentsJson) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
    }
}

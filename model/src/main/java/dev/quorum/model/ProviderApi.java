package dev.quorum.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.core.Json;
import java.io.IOException;
import java.util.List;

/** One provider's wire format: how a {@link ChatRequest} becomes bytes and how an answer becomes choices. */
interface ProviderApi {
    ObjectMapper MAPPER = Json.mapper();

    ModelRef model();

    /** Builds the HTTP request for {@code n} samples (1 if the provider has no native n). */
    Wire.Request encode(ChatRequest request, int n);

    Decoded decode(String body) throws MalformedResponseException;

    boolean supportsSamples();

    /** Prompt tokens the provider adds that are not in our body (Anthropic's tool-use system prompt). */
    long hiddenPromptTokens(ChatRequest request);

    /** The environment variable or setting to blame on 401/403. */
    String keyHint();

    record Decoded(List<ChatOutcome.Choice> choices, Usage usage) {
    }

    final class MalformedResponseException extends Exception {
        MalformedResponseException(String message) {
            super(message);
        }
    }

    static JsonNode parse(String body) throws MalformedResponseException {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedResponseException("response body is not a JSON object: " + preview(body));
            }
            return node;
        } catch (IOException e) {
            throw new MalformedResponseException("response body is not valid JSON (" + e.getClass().getSimpleName()
                    + "): " + preview(body));
        }
    }

    /** The provider's own words for an error: both APIs send {@code {"error": {"message": ...}}}. */
    static String errorMessage(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null) {
                JsonNode error = node.path("error");
                if (error.isTextual()) {
                    return error.asText();
                }
                if (error.path("message").isTextual()) {
                    return error.path("message").asText();
                }
                if (node.path("message").isTextual()) {
                    return node.path("message").asText();
                }
            }
        } catch (IOException ignored) {
            // not JSON: show the raw text
        }
        return preview(body);
    }

    static String preview(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    static String joinUrl(String base, String path) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + path;
    }

    static String pathOf(String url) {
        return java.net.URI.create(url).getRawPath();
    }
}

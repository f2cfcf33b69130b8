package dev.quorum.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A request the scripted server received, with helpers that read it the same way for both APIs.
 *
 * @param headers lower-cased names, first value
 */
public record ScriptedRequest(Api api, String path, Map<String, String> headers, JsonNode body) {

    public enum Api { OPENAI, ANTHROPIC }

    public String model() {
        return body.path("model").asText();
    }

    /** The text of the last user turn (tool results excluded), or "". */
    public String lastUserText() {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (!"user".equals(m.path("role").asText())) {
                continue;
            }
            if (m.path("content").isTextual()) {
                return m.path("content").asText();
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode block : m.path("content")) {
                if ("text".equals(block.path("type").asText())) {
                    text.append(block.path("text").asText());
                }
            }
            if (!text.isEmpty()) {
                return text.toString();
            }
        }
        return "";
    }

    /** The content of the most recent tool result (OpenAI {@code role: tool}, Anthropic {@code tool_result}), or "". */
    public String lastToolResult() {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("tool".equals(m.path("role").asText())) {
                return m.path("content").asText();
            }
            if (m.path("content").isArray()) {
                JsonNode content = m.path("content");
                for (int j = content.size() - 1; j >= 0; j--) {
                    JsonNode block = content.get(j);
                    if ("tool_result".equals(block.path("type").asText())) {
                        return textOf(block.path("content"));
                    }
                }
            }
        }
        return "";
    }

    public int messageCount() {
        return body.path("messages").size();
    }

    /** Names of the tools offered in this request. */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            names.add(tool.has("function") ? tool.path("function").path("name").asText() : tool.path("name").asText());
        }
        return names;
    }

    public static Predicate<ScriptedRequest> lastToolResultContains(String text) {
        return r -> r.lastToolResult().contains(text);
    }

    public static Predicate<ScriptedRequest> lastUserTextContains(String text) {
        return r -> r.lastUserText().contains(text);
    }

    public static Predicate<ScriptedRequest> modelIs(String name) {
        return r -> r.model().equals(name);
    }

    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            text.append(block.path("text").asText());
        }
        return text.toString();
    }
}

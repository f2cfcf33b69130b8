package dev.quorum.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Json;
import dev.quorum.model.ToolCall;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.model.testing.ScriptedRequest;
import java.util.List;
import java.util.Map;

/** Scripts one scripted model server so that each trajectory (told apart by its "Attempt k of N" line) gets its own turns. */
public final class Scripts {
    private Scripts() {
    }

    /** Trajectory {@code index} gets {@code replies[s]} at its step s (counted by the assistant turns it sent). */
    public static void forTrajectory(ScriptedModelServer server, int index, ScriptedReply... replies) {
        for (int step = 0; step < replies.length; step++) {
            int s = step;
            server.always(r -> attempt(r) == index + 1 && assistantTurns(r) == s, replies[step]);
        }
    }

    public static int attempt(ScriptedRequest r) {
        for (JsonNode m : r.body().path("messages")) {
            String text = m.path("content").asText("");
            if ("user".equals(m.path("role").asText()) && text.startsWith("Attempt ")) {
                return Integer.parseInt(text.substring("Attempt ".length(), text.indexOf(' ', "Attempt ".length())));
            }
        }
        return -1;
    }

    public static int assistantTurns(ScriptedRequest r) {
        int n = 0;
        for (JsonNode m : r.body().path("messages")) {
            if ("assistant".equals(m.path("role").asText())) {
                n++;
            }
        }
        return n;
    }

    public static ScriptedReply call(String id, String tool, Map<String, Object> args) {
        try {
            return ScriptedReply.toolCalls(new ToolCall(id, tool, Json.mapper().writeValueAsString(args)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ScriptedReply submit(String summary) {
        return call("submit", "submit", Map.of("summary", summary));
    }

    public static ScriptedReply runTests(String... ids) {
        return call("tests", "run_tests", Map.of("tests", List.of(ids)));
    }
}

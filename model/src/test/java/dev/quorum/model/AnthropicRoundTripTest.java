package dev.quorum.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.model.ChatOutcome.Completed;
import dev.quorum.model.ChatOutcome.FinishReason;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.model.testing.ScriptedRequest;
import java.time.Clock;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicRoundTripTest {
    private final ScriptedModelServer server = ScriptedModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    /** Shaped like Anthropic's documented tool-use response, with prompt-caching usage fields. */
    private static final String DOCUMENTED_TOOL_USE = """
            {
              "id": "msg_01Aq9w938a90dw8q",
              "type": "message",
              "role": "assistant",
              "model": "claude-sonnet-4-5-20250929",
              "content": [
                {"type": "text", "text": "I'll read both files first."},
                {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "read_file",
                 "input": {"path": "src/Main.java"}},
                {"type": "tool_use", "id": "toolu_01B77x", "name": "read_file",
                 "input": {"path": "src/Util.java", "lines": [1, 40]}}
              ],
              "stop_reason": "tool_use",
              "stop_sequence": null,
              "usage": {
                "input_tokens": 50,
                "cache_creation_input_tokens": 248,
                "cache_read_input_tokens": 1800,
                "output_tokens": 120,
                "service_tier": "standard"
              }
            }
            """;

    private static final ToolSpec READ_FILE = ToolSpec.of("read_file", "Reads a file",
            "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");

    private ModelClient client() {
        ModelSettings settings = server.settings(Provider.ANTHROPIC, "claude-sonnet-4-5")
                .withAnthropic(server.anthropicBaseUrl(), "sk-ant-test-secret");
        return ModelClients.create(settings, new RecordingSleeper(), Clock.systemUTC());
    }

    @Test
    void parsesTextAndSeveralToolUsesWithCacheUsage() {
        server.enqueue(ScriptedReply.raw(200, DOCUMENTED_TOOL_USE));

        ChatOutcome outcome = client().chat(ChatRequest.of(Message.system("You fix bugs."), Message.user("Fix it"))
                .withTools(List.of(READ_FILE)).withMaxTokens(1024));

        Completed done = (Completed) outcome;
        assertThat(done.message().content()).isEqualTo("I'll read both files first.");
        assertThat(done.message().toolCalls()).containsExactly(
                new ToolCall("toolu_01A09q90qw90lq917835lq9", "read_file", "{\"path\":\"src/Main.java\"}"),
                new ToolCall("toolu_01B77x", "read_file", "{\"path\":\"src/Util.java\",\"lines\":[1,40]}"));
        assertThat(done.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(done.usage()).isEqualTo(new Usage(50 + 248 + 1800, 120, 1800, 248));
        // claude-sonnet-4-5: $3 input, $3.75 cache write, $0.30 cache read, $15 output per million tokens.
        double expected = (50 * 3.00 + 248 * 3.75 + 1800 * 0.30 + 120 * 15.00) / 1_000_000;
        assertThat(done.costUsd()).isCloseTo(expected, Offset.offset(1e-12));
    }

    @Test
    void sendsAnthropicShapeWithMergedToolResultsAndCacheControl() {
        server.enqueue(ScriptedReply.text("fixed"));
        List<Message> conversation = List.of(
                Message.system("You fix bugs."),
                Message.user("Fix it"),
                Message.assistant("Reading.", List.of(new ToolCall("toolu_1", "read_file", "{\"path\":\"A.java\"}"),
                        new ToolCall("toolu_2", "read_file", "{\"path\":\"B.java\"}"))),
                Message.toolResult("toolu_1", "class A {}"),
                Message.toolResult("toolu_2", "class B {}"));

        ChatOutcome outcome = client().chat(ChatRequest.of(conversation).withTools(List.of(READ_FILE))
                .withMaxTokens(300).withTemperature(0.0).withStop(List.of("END")));

        assertThat(((Completed) outcome).message().content()).isEqualTo("fixed");
        ScriptedRequest sent = server.requests().getFirst();
        JsonNode body = sent.body();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers().get("x-api-key")).isEqualTo("sk-ant-test-secret");
        assertThat(sent.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("stop_sequences").get(0).asText()).isEqualTo("END");
        assertThat(body.path("system").get(0).path("text").asText()).isEqualTo("You fix bugs.");
        assertThat(body.path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("tools").get(0).path("input_schema").path("type").asText()).isEqualTo("object");
        assertThat(body.path("tools").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).path("content").get(1).path("type").asText()).isEqualTo("tool_use");
        assertThat(messages.get(1).path("content").get(1).path("input").path("path").asText()).isEqualTo("A.java");
        JsonNode results = messages.get(2).path("content");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("tool_use_id").asText()).isEqualTo("toolu_1");
        assertThat(results.get(1).path("tool_use_id").asText()).isEqualTo("toolu_2");
        assertThat(results.get(1).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(results.get(0).has("cache_control")).isFalse();
    }

    @Test
    void samplesAreEmulatedByOneCallEach() {
        server.enqueue(ScriptedReply.text("one").withUsage(10, 1, 0, 0), ScriptedReply.text("two").withUsage(10, 2, 0, 0));

        Completed done = (Completed) client().chat(ChatRequest.of(Message.user("go")).withSamples(2).withMaxTokens(10));

        assertThat(done.choices()).extracting(c -> c.message().content()).containsExactly("one", "two");
        assertThat(done.usage()).isEqualTo(new Usage(20, 3, 0, 0));
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(server.requests().getFirst().body().has("n")).isFalse();
    }

    @Test
    void maxTokensStopIsTruncation() {
        server.enqueue(ScriptedReply.truncated("partial"));

        Completed done = (Completed) client().chat(ChatRequest.of(Message.user("go")).withMaxTokens(5));

        assertThat(done.truncated()).isTrue();
    }
}

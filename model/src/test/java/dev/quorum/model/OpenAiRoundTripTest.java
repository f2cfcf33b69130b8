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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiRoundTripTest {
    private final ScriptedModelServer server = ScriptedModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    /** Shaped like OpenAI's documented chat completion with parallel tool calls and prompt caching details. */
    private static final String DOCUMENTED_TOOL_CALLS = """
            {
              "id": "chatcmpl-abc123",
              "object": "chat.completion",
              "created": 1699896916,
              "model": "gpt-4.1-2025-04-14",
              "choices": [
                {
                  "index": 0,
                  "message": {
                    "role": "assistant",
                    "content": null,
                    "tool_calls": [
                      {"id": "call_abc123", "type": "function",
                       "function": {"name": "read_file", "arguments": "{\\"path\\": \\"src/Main.java\\"}"}},
                      {"id": "call_def456", "type": "function",
                       "function": {"name": "run_tests", "arguments": "{\\"test\\": \\"com.acme.FooTest#bar\\"}"}}
                    ],
                    "refusal": null
                  },
                  "logprobs": null,
                  "finish_reason": "tool_calls"
                }
              ],
              "usage": {
                "prompt_tokens": 2006,
                "completion_tokens": 300,
                "total_tokens": 2306,
                "prompt_tokens_details": {"cached_tokens": 1920, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                  "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
              },
              "system_fingerprint": "fp_44709d6fcb"
            }
            """;

    private static final ToolSpec READ_FILE = ToolSpec.of("read_file", "Reads a file of the repository",
            "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");

    private ModelClient client(String model) {
        ModelSettings settings = server.settings(Provider.OPENAI, model).withOpenAi(server.openAiBaseUrl(), "sk-test-openai-secret");
        return ModelClients.create(settings, new RecordingSleeper(), Clock.systemUTC());
    }

    @Test
    void parsesSeveralToolCallsAndCachedTokensAndPricesThem() {
        server.enqueue(ScriptedReply.raw(200, DOCUMENTED_TOOL_CALLS));

        ChatOutcome outcome = client("gpt-4.1").chat(ChatRequest.of(Message.system("You fix bugs."), Message.user("Fix it"))
                .withTools(List.of(READ_FILE)).withMaxTokens(500).withTemperature(0.2).withSeed(7L));

        assertThat(outcome).isInstanceOf(Completed.class);
        Completed done = (Completed) outcome;
        assertThat(done.message().toolCalls()).containsExactly(
                new ToolCall("call_abc123", "read_file", "{\"path\": \"src/Main.java\"}"),
                new ToolCall("call_def456", "run_tests", "{\"test\": \"com.acme.FooTest#bar\"}"));
        assertThat(done.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(done.usage()).isEqualTo(new Usage(2006, 300, 1920, 0));
        // gpt-4.1: $2 input, $0.50 cached input, $8 output per million tokens.
        double expected = (86 * 2.00 + 1920 * 0.50 + 300 * 8.00) / 1_000_000;
        assertThat(done.costUsd()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(done.model()).isEqualTo(ModelRef.parse("openai/gpt-4.1"));
    }

    @Test
    void sendsMessagesToolsAndSamplingInOpenAiShape() {
        server.enqueue(ScriptedReply.text("done"));
        List<Message> conversation = List.of(
                Message.system("You fix bugs."),
                Message.user("Fix it"),
                Message.assistant("", List.of(new ToolCall("call_1", "read_file", "{\"path\":\"A.java\"}"),
                        new ToolCall("call_2", "read_file", "{\"path\":\"B.java\"}"))),
                Message.toolResult("call_1", "class A {}"),
                Message.toolResult("call_2", "class B {}"));

        ChatOutcome outcome = client("gpt-4.1").chat(ChatRequest.of(conversation).withTools(List.of(READ_FILE))
                .withMaxTokens(256).withTemperature(0.5).withTopP(0.9).withSeed(42L).withStop(List.of("END")).withSamples(2));

        assertThat(outcome).isInstanceOf(Completed.class);
        assertThat(((Completed) outcome).choices()).hasSize(2);
        ScriptedRequest sent = server.requests().getFirst();
        JsonNode body = sent.body();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer sk-test-openai-secret");
        assertThat(body.path("model").asText()).isEqualTo("gpt-4.1");
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("n").asInt()).isEqualTo(2);
        assertThat(body.path("seed").asLong()).isEqualTo(42);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("stop").get(0).asText()).isEqualTo("END");
        assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("read_file");
        assertThat(body.path("tools").get(0).path("function").path("parameters").path("required").get(0).asText()).isEqualTo("path");
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.get(2).path("content").isNull()).isTrue();
        assertThat(messages.get(2).path("tool_calls").get(1).path("function").path("arguments").asText()).isEqualTo("{\"path\":\"B.java\"}");
        assertThat(messages.get(4).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(4).path("tool_call_id").asText()).isEqualTo("call_2");
        assertThat(sent.lastToolResult()).isEqualTo("class B {}");
    }

    @Test
    void compatibleServersGetMaxTokensAndNoKeyIsNeeded() {
        server.enqueue(ScriptedReply.text("hi"));
        ModelClient client = ModelClients.fromEnvironment(Map.of(
                "QUORUM_MODEL", "openai-compatible/qwen2.5-coder",
                "OPENAI_BASE_URL", server.openAiBaseUrl()));

        ChatOutcome outcome = client.chat(ChatRequest.of(Message.user("hello")).withMaxTokens(64));

        assertThat(((Completed) outcome).message().content()).isEqualTo("hi");
        assertThat(((Completed) outcome).costUsd()).isZero();
        ScriptedRequest sent = server.requests().getFirst();
        assertThat(sent.body().path("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.body().has("max_completion_tokens")).isFalse();
        assertThat(sent.headers()).doesNotContainKey("authorization");
    }

    @Test
    void truncatedAnswerIsReportedAsSuch() {
        server.enqueue(ScriptedReply.truncated("public static void ma"));

        ChatOutcome outcome = client("gpt-4.1").chat(ChatRequest.of(Message.user("write code")).withMaxTokens(8));

        assertThat(outcome).isInstanceOfSatisfying(Completed.class, done -> {
            assertThat(done.truncated()).isTrue();
            assertThat(done.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(done.message().content()).isEqualTo("public static void ma");
        });
    }

    @Test
    void rulesAnswerByWhatTheLastToolResultSays() {
        server.when(ScriptedRequest.lastToolResultContains("BUILD FAILURE"),
                        ScriptedReply.toolCalls(new ToolCall("call_fix", "edit", "{\"file\":\"A.java\"}")))
                .otherwise(ScriptedReply.text("all good"));
        ModelClient client = client("gpt-4.1");
        List<Message> history = List.of(Message.user("fix"),
                Message.assistant("", List.of(new ToolCall("call_t", "run_tests", "{}"))),
                Message.toolResult("call_t", "[ERROR] BUILD FAILURE in module a"));

        Completed first = (Completed) client.chat(ChatRequest.of(history));
        Completed second = (Completed) client.chat(ChatRequest.of(history));

        assertThat(first.message().toolCalls()).extracting(ToolCall::name).containsExactly("edit");
        assertThat(second.message().content()).isEqualTo("all good");
    }

    @Test
    void anExhaustedScriptFailsFastAndSaysSo() {
        ChatOutcome outcome = client("gpt-4.1").chat(ChatRequest.of(Message.user("anyone there?")));

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(ChatOutcome.FailureKind.BAD_REQUEST);
            assertThat(f.message()).contains("no answer left").contains("anyone there?");
        });
        assertThat(server.requestCount()).isEqualTo(1);
    }
}

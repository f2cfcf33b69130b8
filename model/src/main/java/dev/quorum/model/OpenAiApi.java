package dev.quorum.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Chat Completions ({@code POST {base}/chat/completions}), also spoken by vLLM, SGLang, Ollama,
 * llama.cpp server and routers.
 *
 * <pre>
 * Message(SYSTEM|USER)      → {"role":"system"|"user","content":text}
 * Message(ASSISTANT, calls) → {"role":"assistant","content":text|null,"tool_calls":[{"id","type":"function",
 *                              "function":{"name","arguments":json-text}}]}
 * Message(TOOL, id)         → {"role":"tool","tool_call_id":id,"content":text}
 * ToolSpec                  → {"type":"function","function":{"name","description","parameters"}}
 * maxTokens                 → "max_completion_tokens" (openai) / "max_tokens" (compatible servers, which
 *                              do not all know the newer name)
 * usage                     → prompt_tokens (includes cached), completion_tokens,
 *                              prompt_tokens_details.cached_tokens
 * finish_reason             → stop|tool_calls|length|content_filter
 * </pre>
 * Prompt caching is automatic on OpenAI's side, nothing to mark.
 */
final class OpenAiApi implements ProviderApi {
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    private final ModelRef model;
    private final String url;
    private final String apiKey;

    OpenAiApi(ModelRef model, String baseUrl, String apiKey) {
        this.model = model;
        this.url = ProviderApi.joinUrl(baseUrl == null ? DEFAULT_BASE_URL : baseUrl, "/chat/completions");
        this.apiKey = apiKey;
    }

    @Override
    public ModelRef model() {
        return model;
    }

    @Override
    public boolean supportsSamples() {
        return true;
    }

    @Override
    public long hiddenPromptTokens(ChatRequest request) {
        return 0;
    }

    @Override
    public String keyHint() {
        return "OPENAI_API_KEY";
    }

    @Override
    public Wire.Request encode(ChatRequest request, int n) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model.name());
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages()) {
            ObjectNode out = messages.addObject();
            switch (m.role()) {
                case SYSTEM -> out.put("role", "system").put("content", m.content());
                case USER -> out.put("role", "user").put("content", m.content());
                case TOOL -> out.put("role", "tool").put("tool_call_id", m.toolCallId()).put("content", m.content());
                case ASSISTANT -> {
                    out.put("role", "assistant");
                    if (m.content().isEmpty() && !m.toolCalls().isEmpty()) {
                        out.putNull("content");
                    } else {
                        out.put("content", m.content());
                    }
                    if (!m.toolCalls().isEmpty()) {
                        ArrayNode calls = out.putArray("tool_calls");
                        for (ToolCall call : m.toolCalls()) {
                            ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                            c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
                        }
                    }
                }
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
                fn.put("name", tool.name()).put("description", tool.description()).set("parameters", tool.parameters());
            }
        }
        body.put(model.provider() == ModelRef.Provider.OPENAI ? "max_completion_tokens" : "max_tokens", request.maxTokens());
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (request.seed() != null) {
            body.put("seed", request.seed());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (n > 1) {
            body.put("n", n);
        }
        Map<String, String> secret = new LinkedHashMap<>();
        if (apiKey != null) {
            secret.put("Authorization", "Bearer " + apiKey);
        }
        try {
            return new Wire.Request(url, ProviderApi.pathOf(url), Map.of(), secret, MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Decoded decode(String body) throws MalformedResponseException {
        JsonNode root = ProviderApi.parse(body);
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            String why = root.has("error") ? "error in a 2xx body: " + ProviderApi.errorMessage(body) : "no choices";
            throw new MalformedResponseException("chat completion has " + why + ": " + ProviderApi.preview(body));
        }
        List<ChatOutcome.Choice> out = new ArrayList<>();
        for (JsonNode choice : choices) {
            JsonNode message = choice.path("message");
            if (!message.isObject()) {
                throw new MalformedResponseException("choice without a message object: " + ProviderApi.preview(body));
            }
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode call : message.path("tool_calls")) {
                JsonNode fn = call.path("function");
                if (!fn.path("name").isTextual()) {
                    throw new MalformedResponseException("tool call without a function name: " + ProviderApi.preview(body));
                }
                JsonNode args = fn.path("arguments");
                calls.add(new ToolCall(call.path("id").asText("call_" + calls.size()), fn.path("name").asText(),
                        args.isTextual() ? args.asText() : args.isMissingNode() || args.isNull() ? "{}" : args.toString()));
            }
            String text = message.path("content").isTextual() ? message.path("content").asText() : "";
            out.add(new ChatOutcome.Choice(Message.assistant(text, calls), finish(choice.path("finish_reason").asText(""), calls)));
        }
        JsonNode usage = root.path("usage");
        return new Decoded(out, new Usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(), 0));
    }

    private static ChatOutcome.FinishReason finish(String reason, List<ToolCall> calls) {
        return switch (reason) {
            case "stop" -> calls.isEmpty() ? ChatOutcome.FinishReason.STOP : ChatOutcome.FinishReason.TOOL_CALLS;
            case "tool_calls", "function_call" -> ChatOutcome.FinishReason.TOOL_CALLS;
            case "length" -> ChatOutcome.FinishReason.LENGTH;
            case "content_filter" -> ChatOutcome.FinishReason.CONTENT_FILTER;
            default -> calls.isEmpty() ? ChatOutcome.FinishReason.OTHER : ChatOutcome.FinishReason.TOOL_CALLS;
        };
    }
}

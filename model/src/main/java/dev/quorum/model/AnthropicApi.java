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
 * Anthropic Messages ({@code POST {base}/v1/messages}, header {@code anthropic-version: 2023-06-01}).
 *
 * <pre>
 * Message(SYSTEM)...        → top-level "system": [{"type":"text","text"}]
 * Message(USER)             → {"role":"user","content":[{"type":"text","text"}]}
 * Message(ASSISTANT, calls) → {"role":"assistant","content":[{"type":"text"}, {"type":"tool_use","id","name","input":{...}}]}
 * Message(TOOL, id)         → {"role":"user","content":[{"type":"tool_result","tool_use_id":id,"content":text}]}
 *                              consecutive turns of one role merge into one message, as the API requires
 * ToolSpec                  → {"name","description","input_schema"}
 * stop                      → "stop_sequences"; seed and n do not exist (n is emulated by n calls)
 * usage                     → input_tokens (uncached only) + cache_read_input_tokens + cache_creation_input_tokens,
 *                              output_tokens
 * stop_reason               → end_turn|stop_sequence → STOP, tool_use → TOOL_CALLS, max_tokens → LENGTH, refusal
 * </pre>
 * Prompt caching: {@code cache_control: {"type":"ephemeral"}} on the last system block, the last tool and
 * the last block of the last message (3 of the 4 allowed breakpoints). The conversation grows by appending,
 * so each turn reads the previous turn's prefix from the cache.
 */
final class AnthropicApi implements ProviderApi {
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String API_VERSION = "2023-06-01";
    /** Anthropic documents a tool-use system prompt of a few hundred tokens that is billed but not in our body. */
    private static final long TOOL_SYSTEM_PROMPT_TOKENS = 600;
    private final ModelRef model;
    private final String url;
    private final String apiKey;
    private final boolean promptCaching;

    AnthropicApi(ModelRef model, String baseUrl, String apiKey, boolean promptCaching) {
        this.model = model;
        this.url = ProviderApi.joinUrl(baseUrl == null ? DEFAULT_BASE_URL : baseUrl, "/v1/messages");
        this.apiKey = apiKey;
        this.promptCaching = promptCaching;
    }

    @Override
    public ModelRef model() {
        return model;
    }

    @Override
    public boolean supportsSamples() {
        return false;
    }

    @Override
    public long hiddenPromptTokens(ChatRequest request) {
        return request.tools().isEmpty() ? 0 : TOOL_SYSTEM_PROMPT_TOKENS;
    }

    @Override
    public String keyHint() {
        return "ANTHROPIC_API_KEY";
    }

    @Override
    public Wire.Request encode(ChatRequest request, int n) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model.name());
        body.put("max_tokens", request.maxTokens());
        ArrayNode system = MAPPER.createArrayNode();
        ArrayNode messages = MAPPER.createArrayNode();
        String lastRole = null;
        ArrayNode lastContent = null;
        for (Message m : request.messages()) {
            if (m.role() == Message.Role.SYSTEM) {
                system.addObject().put("type", "text").put("text", m.content());
                continue;
            }
            String role = m.role() == Message.Role.ASSISTANT ? "assistant" : "user";
            if (!role.equals(lastRole)) {
                ObjectNode message = messages.addObject().put("role", role);
                lastContent = message.putArray("content");
                lastRole = role;
            }
            switch (m.role()) {
                case USER -> lastContent.addObject().put("type", "text").put("text", m.content().isEmpty() ? "(empty)" : m.content());
                case TOOL -> lastContent.addObject().put("type", "tool_result").put("tool_use_id", m.toolCallId())
                        .put("content", m.content());
                case ASSISTANT -> {
                    if (!m.content().isEmpty() || m.toolCalls().isEmpty()) {
                        lastContent.addObject().put("type", "text").put("text", m.content().isEmpty() ? "(empty)" : m.content());
                    }
                    for (ToolCall call : m.toolCalls()) {
                        lastContent.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                                .set("input", inputObject(call.argumentsJson()));
                    }
                }
                case SYSTEM -> throw new IllegalStateException("handled above");
            }
        }
        if (!system.isEmpty()) {
            markCache(system);
            body.set("system", system);
        }
        if (!messages.isEmpty()) {
            markCache((ArrayNode) messages.get(messages.size() - 1).path("content"));
        }
        body.set("messages", messages);
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                tools.addObject().put("name", tool.name()).put("description", tool.description())
                        .set("input_schema", tool.parameters());
            }
            markCache(tools);
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        Map<String, String> secret = new LinkedHashMap<>();
        if (apiKey != null) {
            secret.put("x-api-key", apiKey);
        }
        try {
            return new Wire.Request(url, ProviderApi.pathOf(url), Map.of("anthropic-version", API_VERSION), secret,
                    MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void markCache(ArrayNode blocks) {
        if (promptCaching && !blocks.isEmpty()) {
            ((ObjectNode) blocks.get(blocks.size() - 1)).putObject("cache_control").put("type", "ephemeral");
        }
    }

    /** tool_use.input must be an object; a model's broken arguments are kept, wrapped, rather than dropped. */
    private static JsonNode inputObject(String argumentsJson) {
        try {
            JsonNode parsed = MAPPER.readTree(argumentsJson);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException ignored) {
            // fall through
        }
        return MAPPER.createObjectNode().put("_unparsed_arguments", argumentsJson);
    }

    @Override
    public Decoded decode(String body) throws MalformedResponseException {
        JsonNode root = ProviderApi.parse(body);
        if ("error".equals(root.path("type").asText())) {
            throw new MalformedResponseException("error in a 2xx body: " + ProviderApi.errorMessage(body));
        }
        JsonNode content = root.path("content");
        if (!content.isArray()) {
            throw new MalformedResponseException("message has no content array: " + ProviderApi.preview(body));
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> {
                    if (!block.path("name").isTextual()) {
                        throw new MalformedResponseException("tool_use block without a name: " + ProviderApi.preview(body));
                    }
                    JsonNode input = block.path("input");
                    calls.add(new ToolCall(block.path("id").asText("toolu_" + calls.size()), block.path("name").asText(),
                            input.isMissingNode() || input.isNull() ? "{}" : input.toString()));
                }
                default -> {
                    // thinking and other block kinds carry nothing the caller acts on
                }
            }
        }
        ChatOutcome.FinishReason finish = switch (root.path("stop_reason").asText("")) {
            case "end_turn", "stop_sequence" -> ChatOutcome.FinishReason.STOP;
            case "tool_use" -> ChatOutcome.FinishReason.TOOL_CALLS;
            case "max_tokens", "model_context_window_exceeded" -> ChatOutcome.FinishReason.LENGTH;
            case "refusal" -> ChatOutcome.FinishReason.CONTENT_FILTER;
            default -> calls.isEmpty() ? ChatOutcome.FinishReason.OTHER : ChatOutcome.FinishReason.TOOL_CALLS;
        };
        JsonNode usage = root.path("usage");
        long cacheRead = usage.path("cache_read_input_tokens").asLong();
        long cacheWrite = usage.path("cache_creation_input_tokens").asLong();
        Usage normalized = new Usage(usage.path("input_tokens").asLong() + cacheRead + cacheWrite,
                usage.path("output_tokens").asLong(), cacheRead, cacheWrite);
        return new Decoded(List.of(new ChatOutcome.Choice(Message.assistant(text.toString(), calls), finish)), normalized);
    }
}

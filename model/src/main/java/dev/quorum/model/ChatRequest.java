package dev.quorum.model;

import java.util.List;
import java.util.Objects;

/**
 * One chat call. {@code maxTokens} is mandatory in spirit: it bounds the completion and is what the budget
 * reserves before sending. Null sampling fields mean "provider default".
 *
 * @param n number of samples; endpoints without native support (Anthropic) get n separate calls
 */
public record ChatRequest(
        List<Message> messages,
        List<ToolSpec> tools,
        int maxTokens,
        Double temperature,
        Double topP,
        Long seed,
        List<String> stop,
        int n) {

    public static final int DEFAULT_MAX_TOKENS = 4096;

    public ChatRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, was " + n);
        }
    }

    public static ChatRequest of(List<Message> messages) {
        return new ChatRequest(messages, List.of(), DEFAULT_MAX_TOKENS, null, null, null, List.of(), 1);
    }

    public static ChatRequest of(Message... messages) {
        return of(List.of(messages));
    }

    public ChatRequest withTools(List<ToolSpec> newTools) {
        return new ChatRequest(messages, newTools, maxTokens, temperature, topP, seed, stop, n);
    }

    public ChatRequest withMaxTokens(int newMaxTokens) {
        return new ChatRequest(messages, tools, newMaxTokens, temperature, topP, seed, stop, n);
    }

    public ChatRequest withTemperature(Double newTemperature) {
        return new ChatRequest(messages, tools, maxTokens, newTemperature, topP, seed, stop, n);
    }

    public ChatRequest withTopP(Double newTopP) {
        return new ChatRequest(messages, tools, maxTokens, temperature, newTopP, seed, stop, n);
    }

    public ChatRequest withSeed(Long newSeed) {
        return new ChatRequest(messages, tools, maxTokens, temperature, topP, newSeed, stop, n);
    }

    public ChatRequest withStop(List<String> newStop) {
        return new ChatRequest(messages, tools, maxTokens, temperature, topP, seed, newStop, n);
    }

    public ChatRequest withSamples(int newN) {
        return new ChatRequest(messages, tools, maxTokens, temperature, topP, seed, stop, newN);
    }
}

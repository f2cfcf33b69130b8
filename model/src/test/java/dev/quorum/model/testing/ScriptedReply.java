package dev.quorum.model.testing;

import dev.quorum.model.ToolCall;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One answer of the scripted server, provider-neutral: the server renders it in the shape of the API the
 * request came to. Immutable; the {@code with...} methods return a changed copy.
 */
public final class ScriptedReply {
    enum Kind { ANSWER, ERROR, RAW }

    final Kind kind;
    final String text;
    final List<ToolCall> toolCalls;
    final String finish;
    final long[] usage;
    final int status;
    final String body;
    final Map<String, String> headers;
    final Duration delay;

    private ScriptedReply(Kind kind, String text, List<ToolCall> toolCalls, String finish, long[] usage, int status,
                          String body, Map<String, String> headers, Duration delay) {
        this.kind = kind;
        this.text = text;
        this.toolCalls = List.copyOf(toolCalls);
        this.finish = finish;
        this.usage = usage;
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
        this.delay = delay;
    }

    /** A plain text answer that ends the turn. */
    public static ScriptedReply text(String text) {
        return new ScriptedReply(Kind.ANSWER, text, List.of(), "stop", null, 200, null, Map.of(), Duration.ZERO);
    }

    /** An answer that calls one or more tools (several calls in one turn are allowed). */
    public static ScriptedReply toolCalls(ToolCall... calls) {
        return new ScriptedReply(Kind.ANSWER, "", List.of(calls), "tool_calls", null, 200, null, Map.of(), Duration.ZERO);
    }

    /** Text and tool calls in one turn (Anthropic models often think aloud before calling). */
    public static ScriptedReply textAndToolCalls(String text, ToolCall... calls) {
        return new ScriptedReply(Kind.ANSWER, text, List.of(calls), "tool_calls", null, 200, null, Map.of(), Duration.ZERO);
    }

    /** A text answer cut off at max tokens (OpenAI finish_reason length, Anthropic stop_reason max_tokens). */
    public static ScriptedReply truncated(String partialText) {
        return new ScriptedReply(Kind.ANSWER, partialText, List.of(), "length", null, 200, null, Map.of(), Duration.ZERO);
    }

    /** An error in the provider's own error shape, e.g. {@code error(429, "rate limited").withHeader("Retry-After", "2")}. */
    public static ScriptedReply error(int status, String message) {
        return new ScriptedReply(Kind.ERROR, message, List.of(), null, null, status, null, Map.of(), Duration.ZERO);
    }

    /** Exactly this status and body, e.g. a provider's documented example response. */
    public static ScriptedReply raw(int status, String body) {
        return new ScriptedReply(Kind.RAW, null, List.of(), null, null, status, body, Map.of(), Duration.ZERO);
    }

    /** A 200 whose body is not JSON. */
    public static ScriptedReply malformed() {
        return raw(200, "{\"choices\": [ this is not json");
    }

    /** Reported usage; without it the server makes up small deterministic numbers. */
    public ScriptedReply withUsage(long promptTokens, long completionTokens, long cachedTokens, long cacheWriteTokens) {
        return new ScriptedReply(kind, text, toolCalls, finish, new long[] {promptTokens, completionTokens, cachedTokens, cacheWriteTokens},
                status, body, headers, delay);
    }

    public ScriptedReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ScriptedReply(kind, text, toolCalls, finish, usage, status, body, more, delay);
    }

    /** Waits before answering; longer than the client's timeout makes a timeout. */
    public ScriptedReply delayed(Duration wait) {
        return new ScriptedReply(kind, text, toolCalls, finish, usage, status, body, headers, wait);
    }
}

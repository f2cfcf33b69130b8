package dev.quorum.model;

import java.util.List;
import java.util.Objects;

/**
 * One conversation turn, provider-neutral.
 *
 * @param content text; may be empty for an assistant turn that only calls tools
 * @param toolCalls the tools an assistant turn asks to run (several per turn are allowed)
 * @param toolCallId for a {@link Role#TOOL} turn: the id of the call this is the result of
 */
public record Message(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {

    public enum Role { SYSTEM, USER, ASSISTANT, TOOL }

    public Message {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
            throw new IllegalArgumentException("a tool result needs the id of the tool call it answers");
        }
        if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
            throw new IllegalArgumentException("only assistant turns carry tool calls");
        }
    }

    public static Message system(String text) {
        return new Message(Role.SYSTEM, text, List.of(), null);
    }

    public static Message user(String text) {
        return new Message(Role.USER, text, List.of(), null);
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, text, List.of(), null);
    }

    public static Message assistant(String text, List<ToolCall> calls) {
        return new Message(Role.ASSISTANT, text, calls, null);
    }

    public static Message toolResult(String toolCallId, String output) {
        return new Message(Role.TOOL, output, List.of(), toolCallId);
    }
}

package dev.quorum.model;

import java.util.List;

/**
 * What a chat call came to. Callers switch over it: a budget or provider problem is data, not an exception.
 */
public sealed interface ChatOutcome permits ChatOutcome.Completed, ChatOutcome.BudgetExhausted, ChatOutcome.Failed {

    /** Why a choice ended; {@link #LENGTH} means the answer was cut at max tokens. */
    enum FinishReason { STOP, TOOL_CALLS, LENGTH, CONTENT_FILTER, OTHER }

    /** Closed set of failures, so the caller can decide without parsing messages. */
    enum FailureKind {
        /** 401: the key is missing or wrong. Not retried. */
        AUTHENTICATION,
        /** 403: the key may not use this model or endpoint. Not retried. */
        PERMISSION,
        /** The prompt does not fit the model's context window. Not retried; the next fallback model is tried. */
        CONTEXT_LENGTH_EXCEEDED,
        /** 404: unknown model or endpoint. The next fallback model is tried. */
        NOT_FOUND,
        /** Any other 4xx: the request itself is wrong. Not retried. */
        BAD_REQUEST,
        /** A 2xx whose body is not the documented shape. Not retried. */
        MALFORMED_RESPONSE,
        /** 429, 5xx, timeouts or connection errors on every attempt. The next fallback model is tried. */
        RETRIES_EXHAUSTED,
        /** Replay mode: this exact request was never recorded. */
        NOT_RECORDED,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    /** Which cap refused the call: the whole run's, one job's (an instance, a served issue), or one trajectory's. */
    enum BudgetScope { RUN, JOB, TRAJECTORY }

    /** One sampled answer. */
    record Choice(Message message, FinishReason finishReason) {
    }

    /** The model answered. {@code costUsd} is from the price table; 0 for unpriced (local) models. */
    record Completed(List<Choice> choices, Usage usage, double costUsd, ModelRef model) implements ChatOutcome {
        public Completed {
            choices = List.copyOf(choices);
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("a completed call has at least one choice");
            }
        }

        /** The first (usually only) answer. */
        public Message message() {
            return choices.getFirst().message();
        }

        public FinishReason finishReason() {
            return choices.getFirst().finishReason();
        }

        /** True when the first answer was cut off by the max-tokens limit. */
        public boolean truncated() {
            return finishReason() == FinishReason.LENGTH;
        }
    }

    /**
     * The call was not sent: its reservation ({@code requested}, prompt estimate + max tokens) does not fit
     * what is left of the {@code scope} budget, even after every call in flight on that budget settled.
     */
    record BudgetExhausted(BudgetScope scope, Spend requested, Spend remaining) implements ChatOutcome {
    }

    /** The call failed; {@code httpStatus} is 0 when there was no HTTP response. */
    record Failed(FailureKind kind, String message, int httpStatus, ModelRef model) implements ChatOutcome {
    }
}

package dev.quorum.agent;

/**
 * How a trajectory ended. Recoverable problems (bad tool arguments, no match, a command timeout) never end a
 * trajectory: they go back to the model as observations. Only these do.
 */
public sealed interface TrajectoryOutcome {

    /** One line for reports and logs. */
    String describe();

    /** The model called {@code submit}. */
    record Submitted(String summary) implements TrajectoryOutcome {
        public String describe() {
            return "submitted: " + summary;
        }
    }

    /** A step or wall-time limit was reached before the model submitted. */
    record LimitsExceeded(String limit) implements TrajectoryOutcome {
        public String describe() {
            return "limits exceeded: " + limit;
        }
    }

    /** The model client refused the next call: it does not fit this trajectory's or the run's budget. */
    record BudgetExhausted(String scope, long tokensLeft) implements TrajectoryOutcome {
        public String describe() {
            return "budget exhausted (" + scope + ", " + tokensLeft + " tokens left)";
        }
    }

    /** The model call failed for good (authentication, malformed answers, retries used up). */
    record ModelFailed(String kind, String message) implements TrajectoryOutcome {
        public String describe() {
            return "model failed: " + kind + ": " + message;
        }
    }

    /** Quorum itself failed (sandbox could not start, disk full, a bug); {@code error} says what. */
    record Crashed(String error) implements TrajectoryOutcome {
        public String describe() {
            return "crashed: " + error;
        }
    }

    /** True for {@link Submitted}: the only outcome where the model said it was done. */
    default boolean submitted() {
        return this instanceof Submitted;
    }
}

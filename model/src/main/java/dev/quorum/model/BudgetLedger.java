package dev.quorum.model;

/**
 * Spending against one cap, with an optional parent (a trajectory's ledger charges the run's too).
 *
 * <p>Reserve-before-send, settle-after-response: a call first reserves its worst case in every ledger up the
 * chain, atomically, and is sent only if all of them had room; when the answer arrives the reservation is
 * replaced by what was really used. Since reservations are held while calls are in flight, any number of
 * parallel callers together can never push spent + reserved past a cap. Locks are taken child first,
 * then parent, always in that order, so they cannot deadlock. Dollars are kept as whole micro-dollars to
 * keep the arithmetic exact.
 */
final class BudgetLedger {
    private final ChatOutcome.BudgetScope scope;
    private final long maxTokens;
    private final long maxMicros;
    private final BudgetLedger parent;
    private long spentTokens;
    private long spentMicros;
    private long reservedTokens;
    private long reservedMicros;

    BudgetLedger(ChatOutcome.BudgetScope scope, Budget budget, BudgetLedger parent) {
        this.scope = scope;
        this.maxTokens = budget.maxTokens();
        this.maxMicros = budget.hasDollarCap() ? (long) Math.floor(budget.maxUsd() * 1_000_000) : Long.MAX_VALUE;
        this.parent = parent;
    }

    /** A hold on part of the budget; settle or release it exactly once. */
    record Reservation(long tokens, long micros) {
    }

    static long toMicrosCeil(double usd) {
        return (long) Math.ceil(usd * 1_000_000);
    }

    /** Reserves here and in every ancestor, or nowhere; returns the refusal of the first ledger without room. */
    synchronized ChatOutcome.BudgetExhausted tryReserve(Reservation wanted) {
        if (wanted.tokens() > maxTokens - spentTokens - reservedTokens
                || wanted.micros() > maxMicros - spentMicros - reservedMicros) {
            return new ChatOutcome.BudgetExhausted(scope,
                    new Spend(wanted.tokens(), wanted.micros() / 1e6),
                    new Spend(maxTokens - spentTokens - reservedTokens,
                            maxMicros == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (maxMicros - spentMicros - reservedMicros) / 1e6));
        }
        if (parent != null) {
            ChatOutcome.BudgetExhausted refused = parent.tryReserve(wanted);
            if (refused != null) {
                return refused;
            }
        }
        reservedTokens += wanted.tokens();
        reservedMicros += wanted.micros();
        return null;
    }

    /** Replaces a reservation by what the call really used (zero if it failed). */
    synchronized void settle(Reservation held, long usedTokens, long usedMicros) {
        reservedTokens -= held.tokens();
        reservedMicros -= held.micros();
        spentTokens += usedTokens;
        spentMicros += usedMicros;
        if (parent != null) {
            parent.settle(held, usedTokens, usedMicros);
        }
    }

    synchronized Spend spent() {
        return new Spend(spentTokens, spentMicros / 1e6);
    }
}

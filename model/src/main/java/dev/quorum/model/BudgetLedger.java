package dev.quorum.model;

/**
 * Spending against one cap, with an optional parent (a trajectory's ledger charges its job's and the run's too).
 *
 * <p>Reserve-before-send, settle-after-response: a call first reserves its estimate in every ledger up the chain,
 * atomically, and is sent only if all of them had room; when the answer arrives the reservation is replaced by
 * what was really used. Since reservations are held while calls are in flight, parallel callers together cannot
 * push spent + reserved past a cap, up to the estimation error of the prompt (see {@link TokenEstimate}): a call
 * whose prompt was underestimated is charged in full, and the next reservation then sees less room. A caller
 * that finds no room while other calls are in flight waits for them to settle (their reservations are usually
 * far above what they use) and gives up only when nothing in flight could free enough. Locks are taken child
 * first, then parent, always in that order, so they cannot deadlock. Dollars are kept as whole micro-dollars to
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
    /** Counts settlements, so that a waiting caller knows whether anything changed since it was refused. */
    private long settlements;

    BudgetLedger(ChatOutcome.BudgetScope scope, Budget budget, BudgetLedger parent) {
        this.scope = scope;
        this.maxTokens = budget.maxTokens();
        this.maxMicros = budget.hasDollarCap() ? (long) Math.floor(budget.maxUsd() * 1_000_000) : Long.MAX_VALUE;
        this.parent = parent;
    }

    /** A hold on part of the budget; settle or release it exactly once. */
    record Reservation(long tokens, long micros) {
    }

    /** Which ledger said no, and whether waiting for its calls in flight could still make room. */
    private record Refusal(BudgetLedger ledger, ChatOutcome.BudgetExhausted exhausted, long settlementsSeen,
                           boolean worthWaiting) {
    }

    static long toMicrosCeil(double usd) {
        return (long) Math.ceil(usd * 1_000_000);
    }

    /**
     * Reserves here and in every ancestor, waiting while calls in flight on a full ledger may still free room.
     *
     * @return null when reserved; else the refusal of the ledger without room once nothing in flight can help
     */
    ChatOutcome.BudgetExhausted reserve(Reservation wanted) throws InterruptedException {
        while (true) {
            Refusal refusal = tryReserveOrRefuse(wanted);
            if (refusal == null) {
                return null;
            }
            if (!refusal.worthWaiting()) {
                return refusal.exhausted();
            }
            refusal.ledger().awaitSettlementAfter(refusal.settlementsSeen());
        }
    }

    /** Reserves here and in every ancestor, or nowhere, without waiting; returns the first refusal. */
    ChatOutcome.BudgetExhausted tryReserve(Reservation wanted) {
        Refusal refusal = tryReserveOrRefuse(wanted);
        return refusal == null ? null : refusal.exhausted();
    }

    private synchronized Refusal tryReserveOrRefuse(Reservation wanted) {
        if (wanted.tokens() > maxTokens - spentTokens - reservedTokens
                || wanted.micros() > maxMicros - spentMicros - reservedMicros) {
            // Settling only ever adds to what is spent, so waiting helps only if the call fits once nothing is held.
            boolean couldFitLater = (reservedTokens > 0 || reservedMicros > 0)
                    && wanted.tokens() <= maxTokens - spentTokens && wanted.micros() <= maxMicros - spentMicros;
            return new Refusal(this, new ChatOutcome.BudgetExhausted(scope,
                    new Spend(wanted.tokens(), wanted.micros() / 1e6),
                    new Spend(maxTokens - spentTokens - reservedTokens,
                            maxMicros == Long.MAX_VALUE ? Double.POSITIVE_INFINITY
                                    : (maxMicros - spentMicros - reservedMicros) / 1e6)),
                    settlements, couldFitLater);
        }
        if (parent != null) {
            Refusal refused = parent.tryReserveOrRefuse(wanted);
            if (refused != null) {
                return refused;
            }
        }
        reservedTokens += wanted.tokens();
        reservedMicros += wanted.micros();
        return null;
    }

    private synchronized void awaitSettlementAfter(long seen) throws InterruptedException {
        while (settlements == seen) {
            wait();
        }
    }

    /** Replaces a reservation by what the call really used (for a failed call, what it sent). */
    synchronized void settle(Reservation held, long usedTokens, long usedMicros) {
        reservedTokens -= held.tokens();
        reservedMicros -= held.micros();
        spentTokens += usedTokens;
        spentMicros += usedMicros;
        settlements++;
        notifyAll();
        if (parent != null) {
            parent.settle(held, usedTokens, usedMicros);
        }
    }

    synchronized Spend spent() {
        return new Spend(spentTokens, spentMicros / 1e6);
    }
}

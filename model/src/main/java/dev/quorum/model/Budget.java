package dev.quorum.model;

/** A spending cap in tokens (prompt + completion) and in US dollars; either may be unlimited. */
public record Budget(long maxTokens, double maxUsd) {

    public static final Budget UNLIMITED = new Budget(Long.MAX_VALUE, Double.POSITIVE_INFINITY);

    public Budget {
        if (maxTokens < 0 || maxUsd < 0 || Double.isNaN(maxUsd)) {
            throw new IllegalArgumentException("budget caps must be non-negative: " + maxTokens + " tokens, $" + maxUsd);
        }
    }

    public static Budget tokens(long maxTokens) {
        return new Budget(maxTokens, Double.POSITIVE_INFINITY);
    }

    public static Budget usd(double maxUsd) {
        return new Budget(Long.MAX_VALUE, maxUsd);
    }

    public boolean hasDollarCap() {
        return !Double.isInfinite(maxUsd);
    }
}

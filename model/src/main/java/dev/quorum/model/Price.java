package dev.quorum.model;

/**
 * US dollars per million tokens. Cached reads and cache writes have their own rates (Anthropic charges more
 * to write the cache and much less to read it; OpenAI discounts cached reads).
 */
public record Price(double inputPerMTok, double outputPerMTok, double cachedInputPerMTok, double cacheWritePerMTok) {

    public static final Price FREE = new Price(0, 0, 0, 0);

    public Price {
        if (inputPerMTok < 0 || outputPerMTok < 0 || cachedInputPerMTok < 0 || cacheWritePerMTok < 0) {
            throw new IllegalArgumentException("prices must be non-negative");
        }
    }

    public double cost(Usage usage) {
        long uncached = Math.max(0, usage.promptTokens() - usage.cachedPromptTokens() - usage.cacheWriteTokens());
        return (uncached * inputPerMTok
                + usage.cachedPromptTokens() * cachedInputPerMTok
                + usage.cacheWriteTokens() * cacheWritePerMTok
                + usage.completionTokens() * outputPerMTok) / 1_000_000.0;
    }

    /**
     * What a call is reserved at: its estimated prompt at the ordinary input rate (cached reads are cheaper; the
     * dearer cache writes are covered by the estimate's margin) and its completion at the output rate.
     */
    double estimate(long promptTokens, long completionTokens) {
        return (promptTokens * inputPerMTok + completionTokens * outputPerMTok) / 1_000_000.0;
    }
}

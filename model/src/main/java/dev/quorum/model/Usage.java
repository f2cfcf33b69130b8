package dev.quorum.model;

/**
 * Tokens of one call, normalized across providers.
 *
 * @param promptTokens every input token, cached or not (OpenAI {@code prompt_tokens}; Anthropic
 *     {@code input_tokens + cache_read_input_tokens + cache_creation_input_tokens})
 * @param completionTokens generated tokens
 * @param cachedPromptTokens input tokens read from the provider's prompt cache (OpenAI
 *     {@code prompt_tokens_details.cached_tokens}; Anthropic {@code cache_read_input_tokens})
 * @param cacheWriteTokens input tokens written to the cache (Anthropic {@code cache_creation_input_tokens})
 */
public record Usage(long promptTokens, long completionTokens, long cachedPromptTokens, long cacheWriteTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                cachedPromptTokens + other.cachedPromptTokens, cacheWriteTokens + other.cacheWriteTokens);
    }
}

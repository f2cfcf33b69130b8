package dev.quorum.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a {@link ModelClient} needs. The CLI fills it from flags and {@code quorum.yaml}; {@link
 * #fromEnvironment} reads the documented variables. {@link #toString()} never shows the keys.
 *
 * @param fallbacks tried in order when the primary model is exhausted, unknown or its context is too small
 * @param openAiBaseUrl e.g. {@code http://localhost:8000/v1}; null means OpenAI's own endpoint
 * @param anthropicBaseUrl null means Anthropic's own endpoint
 * @param runBudget the cap for the whole run, shared by every trajectory
 * @param maxConcurrentRequests requests in flight at once, over all trajectories
 * @param tokensPerMinute 0 for no limit; else the client paces itself to stay under it
 * @param prices per-model prices that override the built-in table; keys are model names
 *     ({@code gpt-4.1}) or {@code provider/name}; a key also matches names that start with it
 * @param recordDir when set, every final exchange is written there (no keys, no headers)
 * @param replayDir when set, exchanges are served from there and the network is never used
 * @param promptCaching mark the stable prefix with Anthropic {@code cache_control}
 */
public record ModelSettings(
        ModelRef model,
        List<ModelRef> fallbacks,
        String openAiBaseUrl,
        String anthropicBaseUrl,
        String openAiApiKey,
        String anthropicApiKey,
        Budget runBudget,
        RetryPolicy retry,
        Duration requestTimeout,
        int maxConcurrentRequests,
        long tokensPerMinute,
        Map<String, Price> prices,
        Path recordDir,
        Path replayDir,
        boolean promptCaching) {

    public static final String MODEL_VARIABLE = "QUORUM_MODEL";
    public static final String FALLBACKS_VARIABLE = "QUORUM_FALLBACK_MODELS";

    public ModelSettings {
        Objects.requireNonNull(model, "model");
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        runBudget = runBudget == null ? Budget.UNLIMITED : runBudget;
        retry = retry == null ? RetryPolicy.defaults() : retry;
        requestTimeout = requestTimeout == null ? Duration.ofMinutes(10) : requestTimeout;
        prices = prices == null ? Map.of() : Map.copyOf(prices);
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
        }
        if (tokensPerMinute < 0) {
            throw new IllegalArgumentException("tokensPerMinute must be 0 (no limit) or positive");
        }
        if (recordDir != null && replayDir != null) {
            throw new IllegalArgumentException("record and replay cannot both be on");
        }
    }

    /** Sensible defaults for one model: no keys, no budget, 16 requests in flight. */
    public static ModelSettings of(ModelRef model) {
        return new ModelSettings(model, List.of(), null, null, null, null, Budget.UNLIMITED,
                RetryPolicy.defaults(), Duration.ofMinutes(10), 16, 0, Map.of(), null, null, true);
    }

    /** Reads QUORUM_MODEL, QUORUM_FALLBACK_MODELS, OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL. */
    public static ModelSettings fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment::get);
    }

    public static ModelSettings fromEnvironment(Function<String, String> environment) {
        String model = blankToNull(environment.apply(MODEL_VARIABLE));
        if (model == null) {
            throw new IllegalArgumentException(MODEL_VARIABLE + " is not set; e.g. " + MODEL_VARIABLE
                    + "=openai/gpt-4.1, anthropic/claude-sonnet-4-5, or openai-compatible/<name> with OPENAI_BASE_URL");
        }
        List<ModelRef> fallbacks = new ArrayList<>();
        String fallbackText = blankToNull(environment.apply(FALLBACKS_VARIABLE));
        if (fallbackText != null) {
            Arrays.stream(fallbackText.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(ModelRef::parse).forEach(fallbacks::add);
        }
        return of(ModelRef.parse(model))
                .withFallbacks(fallbacks)
                .withOpenAi(blankToNull(environment.apply("OPENAI_BASE_URL")), blankToNull(environment.apply("OPENAI_API_KEY")))
                .withAnthropic(blankToNull(environment.apply("ANTHROPIC_BASE_URL")), blankToNull(environment.apply("ANTHROPIC_API_KEY")));
    }

    public ModelSettings withModel(ModelRef newModel) {
        return new ModelSettings(newModel, fallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                runBudget, retry, requestTimeout, maxConcurrentRequests, tokensPerMinute, prices, recordDir, replayDir, promptCaching);
    }

    public ModelSettings withFallbacks(List<ModelRef> newFallbacks) {
        return new ModelSettings(model, newFallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                runBudget, retry, requestTimeout, maxConcurrentRequests, tokensPerMinute, prices, recordDir, replayDir, promptCaching);
    }

    public ModelSettings withOpenAi(String baseUrl, String apiKey) {
        return new ModelSettings(model, fallbacks, baseUrl, anthropicBaseUrl, apiKey, anthropicApiKey,
                runBudget, retry, requestTimeout, maxConcurrentRequests, tokensPerMinute, prices, recordDir, replayDir, promptCaching);
    }

    public ModelSettings withAnthropic(String baseUrl, String apiKey) {
        return new ModelSettings(model, fallbacks, openAiBaseUrl, baseUrl, openAiApiKey, apiKey,
                runBudget, retry, requestTimeout, maxConcurrentRequests, tokensPerMinute, prices, recordDir, replayDir, promptCaching);
    }

    public ModelSettings withRunBudget(Budget newBudget) {
        return new ModelSettings(model, fallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                newBudget, retry, requestTimeout, maxConcurrentRequests, tokensPerMinute, prices, recordDir, replayDir, promptCaching);
    }

    public ModelSettings withRetry(RetryPolicy newRetry) {
        return new ModelSettings(model, fallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                runBudget, newRetry, requestTimeout, maxConcurrentRequests, tokensPerMinute, prices, recordDir, replayDir, promptCaching);
    }

    public ModelSettings withRequestTimeout(Duration newTimeout) {
        return new ModelSettings(model, fallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                runBudget, retry, newTimeout, maxConcurrentRequests, tokensPerMinute, prices, recordDir, replayDir, promptCaching);
    }

    public ModelSettings withLimits(int newMaxConcurrentRequests, long newTokensPerMinute) {
        return new ModelSettings(model, fallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                runBudget, retry, requestTimeout, newMaxConcurrentRequests, newTokensPerMinute, prices, recordDir, replayDir, promptCaching);
    }

    public ModelSettings withPrices(Map<String, Price> newPrices) {
        return new ModelSettings(model, fallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                runBudget, retry, requestTimeout, maxConcurrentRequests, tokensPerMinute, newPrices, recordDir, replayDir, promptCaching);
    }

    public ModelSettings withRecordDir(Path dir) {
        return new ModelSettings(model, fallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                runBudget, retry, requestTimeout, maxConcurrentRequests, tokensPerMinute, prices, dir, null, promptCaching);
    }

    public ModelSettings withReplayDir(Path dir) {
        return new ModelSettings(model, fallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                runBudget, retry, requestTimeout, maxConcurrentRequests, tokensPerMinute, prices, null, dir, promptCaching);
    }

    public ModelSettings withPromptCaching(boolean on) {
        return new ModelSettings(model, fallbacks, openAiBaseUrl, anthropicBaseUrl, openAiApiKey, anthropicApiKey,
                runBudget, retry, requestTimeout, maxConcurrentRequests, tokensPerMinute, prices, recordDir, replayDir, on);
    }

    /** The models in the order they are tried. */
    public List<ModelRef> modelsInOrder() {
        List<ModelRef> all = new ArrayList<>();
        all.add(model);
        all.addAll(fallbacks);
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return "ModelSettings[model=" + model + ", fallbacks=" + fallbacks
                + ", openAiBaseUrl=" + openAiBaseUrl + ", anthropicBaseUrl=" + anthropicBaseUrl
                + ", openAiApiKey=" + (openAiApiKey == null ? "unset" : "[REDACTED]")
                + ", anthropicApiKey=" + (anthropicApiKey == null ? "unset" : "[REDACTED]")
                + ", runBudget=" + runBudget + ", retry=" + retry + ", requestTimeout=" + requestTimeout
                + ", maxConcurrentRequests=" + maxConcurrentRequests + ", tokensPerMinute=" + tokensPerMinute
                + ", prices=" + prices + ", recordDir=" + recordDir + ", replayDir=" + replayDir
                + ", promptCaching=" + promptCaching + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

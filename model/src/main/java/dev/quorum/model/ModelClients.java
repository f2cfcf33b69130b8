package dev.quorum.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/** Builds {@link ModelClient}s. Configuration problems are reported here, before any call is made. */
public final class ModelClients {
    private ModelClients() {
    }

    /**
     * A client for these settings.
     *
     * @throws IllegalArgumentException on settings that cannot work: an {@code openai-compatible} model with
     *     no base URL, a missing key for a hosted provider, or a dollar cap with a model that has no price
     */
    public static ModelClient fromSettings(ModelSettings settings) {
        return create(settings, Sleeper.REAL, Clock.systemUTC());
    }

    /** {@link #fromSettings} on {@link ModelSettings#fromEnvironment(Map)}. */
    public static ModelClient fromEnvironment(Map<String, String> environment) {
        return fromSettings(ModelSettings.fromEnvironment(environment));
    }

    static ModelClient create(ModelSettings settings, Sleeper sleeper, Clock clock) {
        PriceTable prices = PriceTable.withOverrides(settings.prices());
        boolean offline = settings.replayDir() != null;
        List<ProviderApi> apis = new ArrayList<>();
        for (ModelRef model : settings.modelsInOrder()) {
            apis.add(api(model, settings, offline));
            if (settings.runBudget().hasDollarCap() && prices.priceOf(model).isEmpty()) {
                throw new IllegalArgumentException("the run has a dollar budget but " + model
                        + " has no price; add it to the model price table (ModelSettings.prices)");
            }
        }
        List<String> secrets = new ArrayList<>();
        if (settings.openAiApiKey() != null) {
            secrets.add(settings.openAiApiKey());
        }
        if (settings.anthropicApiKey() != null) {
            secrets.add(settings.anthropicApiKey());
        }
        Wire.Transport transport;
        if (offline) {
            transport = new Recording.Replayer(settings.replayDir());
        } else {
            Wire.Transport network = new OkHttpTransport(settings.requestTimeout(), settings.maxConcurrentRequests());
            try {
                transport = settings.recordDir() == null ? network : new Recording.Recorder(network, settings.recordDir(), secrets);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create record directory " + settings.recordDir(), e);
            }
        }
        var shared = new DefaultModelClient.Shared(List.copyOf(apis), transport, settings.retry(),
                new Semaphore(settings.maxConcurrentRequests(), true),
                new TokenRateLimiter(settings.tokensPerMinute(), clock, sleeper),
                prices, sleeper, clock, List.copyOf(secrets));
        return new DefaultModelClient(shared, new BudgetLedger(ChatOutcome.BudgetScope.RUN, settings.runBudget(), null));
    }

    private static ProviderApi api(ModelRef model, ModelSettings settings, boolean offline) {
        return switch (model.provider()) {
            case OPENAI -> {
                requireKey(settings.openAiApiKey(), "OPENAI_API_KEY", model, offline);
                yield new OpenAiApi(model, settings.openAiBaseUrl(), settings.openAiApiKey());
            }
            case OPENAI_COMPATIBLE -> {
                if (settings.openAiBaseUrl() == null) {
                    throw new IllegalArgumentException(model + " needs a base URL (OPENAI_BASE_URL or --base-url), "
                            + "e.g. http://localhost:8000/v1 for vLLM");
                }
                // Local servers usually need no key, so none is required.
                yield new OpenAiApi(model, settings.openAiBaseUrl(), settings.openAiApiKey());
            }
            case ANTHROPIC -> {
                requireKey(settings.anthropicApiKey(), "ANTHROPIC_API_KEY", model, offline);
                yield new AnthropicApi(model, settings.anthropicBaseUrl(), settings.anthropicApiKey(), settings.promptCaching());
            }
        };
    }

    private static void requireKey(String key, String variable, ModelRef model, boolean offline) {
        if (key == null && !offline) {
            throw new IllegalArgumentException(model + " needs an API key: set " + variable + " or pass it in the settings");
        }
    }
}

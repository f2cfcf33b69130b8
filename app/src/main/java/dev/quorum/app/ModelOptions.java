package dev.quorum.app;

import dev.quorum.model.Budget;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef;
import dev.quorum.model.ModelSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Model flags shared by the commands that call a model. Flags win over the environment ({@code QUORUM_MODEL},
 * {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code ANTHROPIC_API_KEY}, ...).
 */
public final class ModelOptions {
    static final String HOW_TO_CONFIGURE = "no model is configured. Set QUORUM_MODEL (e.g. openai/gpt-4.1,"
            + " anthropic/claude-sonnet-4-5, or openai-compatible/<name> with OPENAI_BASE_URL) and the provider's key"
            + " (OPENAI_API_KEY or ANTHROPIC_API_KEY), or pass --model. See the README, \"Models\".";

    @Option(names = "--model", paramLabel = "PROVIDER/NAME",
            description = "Model for trajectories and tests, e.g. openai/gpt-4.1 (default: $QUORUM_MODEL).")
    String model;

    @Option(names = "--judge-model", paramLabel = "PROVIDER/NAME",
            description = "Model that compares finalists (default: no judge; test voting decides alone).")
    String judgeModel;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Base URL of an OpenAI-compatible endpoint (default: $OPENAI_BASE_URL).")
    String baseUrl;

    @Option(names = "--budget-usd", paramLabel = "X", description = "Hard cap on model spending for the run.")
    Double budgetUsd;

    @Option(names = "--record", paramLabel = "DIR", description = "Record every model exchange to DIR.")
    Path record;

    @Option(names = "--replay", paramLabel = "DIR", description = "Answer model calls from DIR, without a network.")
    Path replay;

    /** Made once per command: every stage, and the judge, spend from its one run budget. */
    private ModelClient client;

    /** True when a main model is given by flag or environment. */
    boolean configured(Map<String, String> env) {
        return model != null || (env.get("QUORUM_MODEL") != null && !env.get("QUORUM_MODEL").isBlank());
    }

    /** The main model client, the same on every call; fails with what to do when none is configured. */
    ModelClient client(Map<String, String> env) {
        if (client == null) {
            client = ModelClients.fromSettings(settings(env, model));
        }
        return client;
    }

    /** The model's name as predictions record it ({@code model_name_or_path}). */
    String modelName(Map<String, String> env) {
        return "quorum/" + (model != null ? model : env.getOrDefault("QUORUM_MODEL", "unknown"));
    }

    /**
     * The judge, or null when none was asked for. It spends from the main client's budget (one {@code --budget-usd}
     * for the whole run, judge included); only without a main model is it a budget of its own.
     */
    ModelClient judge(Map<String, String> env) {
        if (judgeModel == null) {
            return null;
        }
        ModelClient judge = ModelClients.fromSettings(settings(env, judgeModel));
        return configured(env) ? judge.billedTo(client(env)) : judge;
    }

    private ModelSettings settings(Map<String, String> env, String modelFlag) {
        String chosen = modelFlag != null ? modelFlag : env.get("QUORUM_MODEL");
        if (chosen == null || chosen.isBlank()) {
            throw new IllegalArgumentException(HOW_TO_CONFIGURE);
        }
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.put("QUORUM_MODEL", chosen);
        if (baseUrl != null) {
            merged.put("OPENAI_BASE_URL", baseUrl);
        }
        ModelSettings settings = ModelSettings.fromEnvironment(merged).withModel(ModelRef.parse(chosen));
        if (budgetUsd != null) {
            settings = settings.withRunBudget(Budget.usd(budgetUsd));
        }
        if (record != null) {
            settings = settings.withRecordDir(record);
        }
        if (replay != null) {
            settings = settings.withReplayDir(replay);
        }
        return settings;
    }
}

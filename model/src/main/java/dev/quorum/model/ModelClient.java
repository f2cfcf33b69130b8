package dev.quorum.model;

/**
 * The one way Quorum talks to a language model. Every call is checked against the budget before it is
 * sent, retried on transient failures, and charged with what the provider reports afterwards.
 *
 * <p>Implementations are thread-safe: many trajectories share one client (and so one run budget).
 */
public interface ModelClient {

    /** Sends one chat request; never throws for provider or budget problems, it returns an outcome. */
    ChatOutcome chat(ChatRequest request);

    /**
     * A client for one trajectory: same connection, limits and run budget, plus its own cap. A call is sent
     * only if it fits both this trajectory's budget and the run's.
     */
    ModelClient forTrajectory(Budget trajectoryBudget);

    /**
     * A client for one job (an {@code infer} instance, an issue served by the App): same connection, limits and
     * run budget, plus the job's own cap; its {@link #spent()} is that job's own spend, not the run's total.
     */
    ModelClient forJob(Budget jobBudget);

    /**
     * This client's model and connection, charging {@code payer}'s budget instead of its own: how the judge (often
     * another model) spends from the same run, job or trajectory budget as the trajectories.
     *
     * @throws IllegalArgumentException when {@code payer} was not made by {@link ModelClients}
     */
    ModelClient billedTo(ModelClient payer);

    /** What this client's budget scope has spent so far (the run for a root client, else the job or trajectory). */
    Spend spent();
}

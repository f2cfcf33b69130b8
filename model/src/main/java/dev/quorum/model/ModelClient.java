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

    /** What this client's budget scope has spent so far (the run for a root client, else the trajectory). */
    Spend spent();
}

package dev.quorum.agent;

/**
 * Hears how each trajectory is doing, e.g. to draw a line per trajectory on a terminal. Called from the
 * trajectories' own threads, concurrently: implementations synchronize what they share.
 */
@FunctionalInterface
public interface TrajectoryListener {

    void progress(Progress progress);

    static TrajectoryListener silent() {
        return p -> {
        };
    }

    /**
     * Where one trajectory is.
     *
     * @param steps    model calls made so far
     * @param tokens   tokens used so far
     * @param state    {@code running}, or how it ended ({@link TrajectoryOutcome#describe()})
     * @param finished true once the trajectory has ended (then {@code state} is its outcome)
     */
    record Progress(int trajectory, int steps, int maxSteps, long tokens, double usd, String state,
                    boolean finished) {
    }
}

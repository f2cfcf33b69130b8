package dev.quorum.harness;

import dev.quorum.core.Host;
import java.io.PrintWriter;

/**
 * Hears how a run progresses, so that the caller decides how to show it (a progress bar on a terminal, a line per
 * instance in a log, nothing in tests). Called from worker threads; implementations must be thread-safe.
 */
public interface EvalListener {

    /**
     * @param toGrade  instances that will be graded now
     * @param resumed  instances already graded by an earlier attempt of this run id (skipped)
     */
    default void started(String runId, int toGrade, int resumed) {
    }

    default void instanceStarted(String instanceId) {
    }

    /** An instance was graded now (never called for resumed instances). */
    default void instanceFinished(InstanceResult result) {
    }

    default void finished(EvalReport report) {
    }

    static EvalListener silent() {
        return new EvalListener() {
        };
    }

    /** One line per finished instance: for logs and pipes. */
    static EvalListener lines(PrintWriter out) {
        return new LineProgress(out);
    }

    /** A progress bar on the terminal (stderr), with the latest outcome as its message. */
    static EvalListener progressBar() {
        return new ProgressBarProgress();
    }

    /** A progress bar when a terminal is attached, a line per instance otherwise (pipes, CI logs). */
    static EvalListener forConsole(PrintWriter out) {
        return Host.onTerminal() ? progressBar() : lines(out);
    }
}

package dev.quorum.harness;

import dev.quorum.sandbox.DockerEngine;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;

/**
 * The evaluation harness: grades patches against tasks with SWE-bench semantics (prepare → apply → run →
 * grade → report), and validates that tasks can grade anything at all.
 *
 * <p>Problems with one instance become its outcome; only a bad request (unknown instance, a run id reused for
 * another kind of patch) throws {@link IllegalArgumentException}, and an unreadable task file
 * {@link java.io.UncheckedIOException}.
 */
public interface Evaluator extends AutoCloseable {

    /** Grades the request's instances, skipping those an earlier attempt of the same run id already graded. */
    EvalReport evaluate(EvalRequest request, EvalListener listener);

    default EvalReport evaluate(EvalRequest request) {
        return evaluate(request, EvalListener.silent());
    }

    /** Checks each task: FAIL_TO_PASS fail without the fix and pass with it, PASS_TO_PASS pass in both. */
    ValidationReport validate(ValidationRequest request);

    /** Releases what this evaluator created (nothing for {@link #using}). */
    @Override
    default void close() {
    }

    /**
     * Sandboxes on the Docker engine named by {@code DOCKER_HOST} (or the local socket), env images per
     * {@link Environments#fromEnvironment}. Closing it removes its sandboxes and the connection.
     *
     * @throws dev.quorum.sandbox.SandboxException when no engine answers
     */
    static Evaluator docker() {
        return docker("maven");
    }

    /**
     * As {@link #docker()}, with tests run by the named runner: {@code maven} (the default, SWE-bench
     * semantics), or {@code direct} / {@code auto} on the compiled-state layer (each result names its runner).
     *
     * @throws IllegalArgumentException for another runner name
     */
    static Evaluator docker(String runner) {
        TestRunner.named(runner);
        DockerEngine engine = DockerEngine.connectDefault();
        engine.requireReachable();
        SandboxProvider provider = Sandboxes.docker(engine);
        return on(Environments.fromEnvironment(engine), provider, runner, () -> {
            provider.close();
            engine.close();
        });
    }

    /**
     * An evaluator on any sandbox backend (one engine, a pool, Kubernetes) with tests run by the named runner, as
     * {@link #docker(String)}; {@code onClose} releases what the caller opened for it.
     *
     * @throws IllegalArgumentException for another runner name
     */
    static Evaluator on(Environments environments, SandboxProvider provider, String runner, Runnable onClose) {
        TestRunner tests = TestRunner.named(runner);
        return new DefaultEvaluator(runner.equals("maven") ? environments : environments.withCompiledState(),
                provider, tests, onClose);
    }

    /** An evaluator on environments and sandboxes the caller owns (and closes). */
    static Evaluator using(Environments environments, SandboxProvider provider) {
        return new DefaultEvaluator(environments, provider, TestRunner.maven(), () -> {
        });
    }
}

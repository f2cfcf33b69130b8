package dev.quorum.harness;

import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.RepoCache;
import java.nio.file.Path;

/** Wires the steps together; each request gets its own repository cache (the request names its directory). */
final class DefaultEvaluator implements Evaluator {
    private final Environments environments;
    private final SandboxProvider provider;
    private final TestRunner runner;
    private final Runnable onClose;

    DefaultEvaluator(Environments environments, SandboxProvider provider, TestRunner runner, Runnable onClose) {
        this.environments = environments;
        this.provider = provider;
        this.runner = runner;
        this.onClose = onClose;
    }

    @Override
    public EvalReport evaluate(EvalRequest request, EvalListener listener) {
        Prepare prepare = prepare(request.effectiveCacheDir());
        return new RunEvaluation(new Instances(prepare, provider, runner)).run(request, listener);
    }

    @Override
    public ValidationReport validate(ValidationRequest request) {
        return new Validate(prepare(request.effectiveCacheDir()), provider, runner).run(request);
    }

    private Prepare prepare(Path cacheDir) {
        return new Prepare(new RepoCache(cacheDir), environments);
    }

    @Override
    public void close() {
        onClose.run();
    }
}

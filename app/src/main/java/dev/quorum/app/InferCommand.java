package dev.quorum.app;

import dev.quorum.pipeline.Inference;
import dev.quorum.pipeline.Solve;
import dev.quorum.pipeline.SolveRequest;
import dev.quorum.core.Task;
import dev.quorum.model.ModelClient;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.LoadResult;
import dev.quorum.tasks.TaskFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quorum infer}: solve every task of a task file; write SWE-bench predictions for {@code quorum eval}. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Solve each task of a task file and write SWE-bench predictions (instance_id,"
                + " model_name_or_path, model_patch; an abstention is an empty patch). Resumable: instances already in"
                + " the predictions file are skipped. Exit code 1 when some instance failed (it is retried next time).")
public final class InferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", required = true, paramLabel = "FILE", description = "Task file (JSONL).")
    Path tasks;

    @Option(names = "--predictions", required = true, paramLabel = "OUT", description = "Predictions file to write (JSONL).")
    Path predictions;

    @Option(names = "--samples", defaultValue = "4", paramLabel = "N", description = "Trajectories per task (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = {"--workers", "--parallel"}, defaultValue = "1", paramLabel = "N", description = "Tasks solved at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR", description = "Where run directories go (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--run-prefix", defaultValue = "infer", paramLabel = "P", description = "Run ids are P-<instance_id> (default: ${DEFAULT-VALUE}).")
    String runPrefix;

    @Option(names = "--force", description = "Resume run directories that were started with other inputs (model,"
            + " samples, issue, predictions file); refused otherwise.")
    boolean force;

    @Mixin
    ModelOptions models;

    @Mixin
    SandboxBackendOptions sandboxes;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        ModelClient model = models.client(env);
        ModelClient judge = models.judge(env);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadResult<Task> loaded = TaskFiles.readTasks(tasks);
        loaded.errors().forEach(e -> err.println("skipped: " + e));
        loaded.warnings().forEach(w -> err.println("warning: " + w));
        SolveRequest.Options options = SolveRequest.Options.defaults().withInputs(Map.of("model",
                models.modelName(env), "predictions", predictions.toAbsolutePath().normalize().toString()), force);
        List<Inference.InstanceOutcome> outcomes;
        SandboxBackendOptions.Opened backend;
        try {
            backend = sandboxes.open(env);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (backend) {
            Solve solve = new Solve(model, judge, Environments.fromEnvironment(backend.buildEngine())
                    .withCompiledState(), backend.sandboxes(),
                    TestRunner.choose(),
                    SolveProgress.forConsole());
            outcomes = new Inference(solve, models.modelName(env), options).run(loaded.items(), predictions, runsDir, runPrefix,
                    samples, workers);
        }
        outcomes.forEach(o -> out.println(o.instanceId() + "  " + o.result()
                + (o.runDir() == null || o.error() != null ? "" : String.format(java.util.Locale.ROOT, "  $%.4f", o.costUsd()))
                + (o.error() == null ? "" : ": " + o.error())));
        out.println("Predictions: " + predictions.toAbsolutePath() + " (grade with: quorum eval --tasks " + tasks
                + " --predictions " + predictions + " --run-id <id>)");
        out.flush();
        boolean failed = outcomes.stream().anyMatch(o -> o.error() != null) || !loaded.errors().isEmpty();
        return failed ? 1 : 0;
    }
}

package dev.quorum.app;

import dev.quorum.pipeline.Solve;
import dev.quorum.app.github.IssueSolver;
import dev.quorum.app.github.QuorumServer;
import dev.quorum.app.github.ServerConfig;
import dev.quorum.model.Budget;
import dev.quorum.sandbox.DockerEngine;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quorum serve}: the GitHub App server (webhooks in, pull requests out). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the GitHub App server: POST /webhook, GET /healthz, GET /metrics. Issues labelled "
                + "'quorum' or commented '/quorum fix' by someone with write access are queued and solved; each fix "
                + "becomes a draft pull request showing its evidence (fixes touching CI or build files are not pushed). Flags override QUORUM_* variables, which override the serve: "
                + "section of quorum.yaml.")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (default 8080; QUORUM_PORT).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Interface to listen on (default 0.0.0.0).")
    String bind;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "quorum.yaml",
            description = "YAML file with a serve: section (default: ${DEFAULT-VALUE}, read if present).")
    Path config;

    @Option(names = "--webhook-secret", paramLabel = "SECRET",
            description = "The App's webhook secret (prefer QUORUM_WEBHOOK_SECRET: flags show in process lists).")
    String webhookSecret;

    @Option(names = "--app-id", paramLabel = "ID", description = "The GitHub App id (QUORUM_APP_ID).")
    String appId;

    @Option(names = "--private-key", paramLabel = "FILE",
            description = "The App's private key PEM (QUORUM_PRIVATE_KEY).")
    Path privateKey;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Queue database, repository mirrors and run directories (default quorum-data).")
    Path dataDir;

    @Option(names = "--api-url", paramLabel = "URL",
            description = "REST API base URL; for GitHub Enterprise Server https://HOST/api/v3.")
    String apiUrl;

    @Option(names = "--label", paramLabel = "NAME", description = "Issue label that asks for a fix (default quorum).")
    String label;

    @Option(names = "--concurrency", paramLabel = "N", description = "Issues solved at once (default 2).")
    Integer concurrency;

    /**
     * The solve pipeline when a model is configured; otherwise none, and the server says that it only queues.
     * The Docker connection lives as long as the server.
     */
    private IssueSolver solver(ServerConfig cfg) {
        Map<String, String> env = System.getenv();
        if (models.model == null && (env.get("QUORUM_MODEL") == null || env.get("QUORUM_MODEL").isBlank())) {
            spec.commandLine().getErr().println("quorum serve: " + ModelOptions.HOW_TO_CONFIGURE);
            return null;
        }
        DockerEngine engine = DockerEngine.connectDefault();
        SandboxProvider sandboxes = Sandboxes.docker(engine);
        Solve solve = new Solve(models.client(env), models.judge(env),
                Environments.fromEnvironment(engine).withCompiledState(), sandboxes,
                TestRunner.choose());
        Double jobCap = cfg.policy().jobBudgetUsd();
        return new PipelineSolver(jobCap == null ? solve : solve.withJobBudget(Budget.usd(jobCap)),
                samples);
    }

    @picocli.CommandLine.Mixin
    ModelOptions models;

    @Option(names = "--samples", defaultValue = "4", paramLabel = "N",
            description = "Trajectories per issue (default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig cfg = ServerConfig.resolve(new ServerConfig.Flags(bind, port, webhookSecret, appId, privateKey,
                dataDir, apiUrl, label, concurrency), System.getenv(), config);
        QuorumServer server = QuorumServer.start(cfg, solver(cfg));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("quorum serve: listening on %s:%d, data in %s%n", cfg.bindAddress(), server.port(),
                cfg.dataDir().toAbsolutePath());
        if (!server.solving()) {
            out.printf("quorum serve: WARNING not solving: %s%n", server.notSolvingReason());
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "quorum-serve-shutdown"));
        stopped.await();
        return 0;
    }
}

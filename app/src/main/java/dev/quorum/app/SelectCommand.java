package dev.quorum.app;

import dev.quorum.core.FileTrees;
import dev.quorum.agent.solve.GeneratedVoters;
import dev.quorum.selection.VoterTest;
import picocli.CommandLine.Mixin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.FileNames;
import dev.quorum.core.Issue;
import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.model.Budget;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef;
import dev.quorum.model.ModelSettings;
import dev.quorum.sandbox.DockerEngine;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.selection.CandidatePools;
import dev.quorum.selection.EnsembleSelection;
import dev.quorum.selection.SelectionOptions;
import dev.quorum.selection.SelectionReports;
import dev.quorum.selection.SelectionRequest;
import dev.quorum.selection.SelectionResult;
import dev.quorum.selection.Selector;
import dev.quorum.selection.Selectors;
import dev.quorum.tasks.LoadResult;
import dev.quorum.tasks.Prediction;
import dev.quorum.tasks.RepoCache;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quorum select}: choose one patch among candidates (or abstain), for one issue or per task of a task file. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Choose one patch among candidates: normalize and group them, run every group against every "
                + "voter test in a sandbox, re-run suspicious cells, score (regression safety, reproduction votes, group "
                + "size, optional pairwise judge) and choose, or ABSTAIN with the evidence. One issue: --repo, --commit, "
                + "--issue/--issue-text, --candidates DIR. Ensemble: --tasks, --predictions FILES, --out. Exit code 0 "
                + "when a candidate was chosen (ensemble: every instance done), 3 on an abstention, 1 on failures, 2 for "
                + "bad usage.")
public final class SelectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "PATH|URL", description = "Repository (working copy, mirror, URL or owner/name).")
    String repo;

    @Option(names = "--commit", paramLabel = "SHA", description = "Base commit the candidates apply to.")
    String commit;

    @Option(names = "--issue", paramLabel = "FILE", description = "File holding the issue text.")
    Path issueFile;

    @Option(names = "--issue-text", paramLabel = "TEXT", description = "The issue text itself.")
    String issueText;

    @Option(names = "--candidates", paramLabel = "DIR", description = "Every *.diff is one candidate; its id is the file name.")
    Path candidatesDir;

    @Option(names = "--tests", paramLabel = "DIR",
            description = "Every *.diff is a voter test patch; its tests are the test classes it adds or changes.")
    Path testsDir;

    @Option(names = "--no-generate-tests", description = "Do not generate reproduction tests with a model.")
    boolean noGenerateTests;

    @Option(names = "--tasks", paramLabel = "FILE", description = "Ensemble mode: task file (JSONL).")
    Path tasksFile;

    @Option(names = "--predictions", arity = "1..*", paramLabel = "FILE",
            description = "Ensemble mode: predictions files (JSONL); each instance's candidates are their patches.")
    List<Path> predictions;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Ensemble mode: selected predictions (model_name_or_path quorum-select); instances already there are skipped.")
    Path out;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Ensemble mode: instances at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Mixin
    ModelOptions models;

    @Option(names = "--generate-attempts", defaultValue = "4", paramLabel = "N",
            description = "Reproduction tests asked of the model when one is configured (default: ${DEFAULT-VALUE}).")
    int generateAttempts;

    @Option(names = "--top-k", defaultValue = "3", paramLabel = "K", description = "Finalists the judge compares (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--judge-samples", defaultValue = "2", paramLabel = "N",
            description = "Judge calls per pair, positions alternating (default: ${DEFAULT-VALUE}).")
    int judgeSamples;

    @Option(names = "--abstain-threshold", paramLabel = "X",
            description = "Abstain when the best score is below this (default: 0, abstain only on contradictory or absent"
                    + " evidence; 0.5 asks for tests that fail on base and pass with the patch).")
    Double abstainThreshold;

    @Option(names = "--reruns", defaultValue = "1", paramLabel = "N", description = "Re-runs of suspicious cells (default: ${DEFAULT-VALUE}).")
    int reruns;

    @Option(names = "--slots", defaultValue = "2", paramLabel = "N", description = "Groups tested at once (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--timeout-minutes", defaultValue = "10", paramLabel = "N",
            description = "Wall-clock limit of one test run (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--run-id", paramLabel = "ID", description = "Names runs/<ID> (default: select-<time>).")
    String runId;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR", description = "Where run directories go (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Repository mirrors (default: .quorum-cache/repos next to the runs directory).")
    Path cacheDir;

    @Option(names = "--json", description = "Print the decision and its evidence as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        boolean ensemble = tasksFile != null || predictions != null || out != null;
        boolean single = repo != null || candidatesDir != null || commit != null;
        if (ensemble == single) {
            throw new ParameterException(spec.commandLine(), "give either --repo, --commit, --issue|--issue-text and "
                    + "--candidates (one issue), or --tasks, --predictions and --out (ensemble)");
        }
        if (topK < 2 || judgeSamples < 1 || reruns < 0 || slots < 1 || workers < 1 || timeoutMinutes < 1) {
            throw new ParameterException(spec.commandLine(), "--top-k must be >= 2; --judge-samples, --slots, "
                    + "--workers and --timeout-minutes >= 1; --reruns >= 0");
        }
        String id = runId != null ? runId : "select-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = runsDir.resolve(id);
        Path mirrors = cacheDir != null ? cacheDir
                : runsDir.toAbsolutePath().normalize().getParent().resolve(".quorum-cache").resolve("repos");
        SelectionOptions options = SelectionOptions.defaults().withTopK(topK).withJudgeSamples(judgeSamples)
                .withRerunsForFlaky(reruns).withSlots(slots).withTestTimeout(Duration.ofMinutes(timeoutMinutes))
                .withAbstainThreshold(abstainThreshold != null ? abstainThreshold
                        : ensemble ? 0.0 : SelectionOptions.DEFAULT_ABSTAIN_THRESHOLD)
                .withJudge(models.judge(System.getenv()));
        try (DockerEngine engine = DockerEngine.connectDefault()) {
            engine.requireReachable();
            try (SandboxProvider provider = Sandboxes.docker(engine)) {
                Environments environments = Environments.fromEnvironment(engine);
                Selector selector = Selectors.create(provider, environments);
                return ensemble ? ensemble(selector, options, new RepoCache(mirrors), runDir)
                        : single(selector, options, new RepoCache(mirrors), runDir, provider, environments);
            }
        }
    }

    private int single(Selector selector, SelectionOptions options, RepoCache repos, Path runDir,
                       SandboxProvider provider, Environments environments) throws Exception {
        if (repo == null || commit == null || candidatesDir == null || (issueFile == null) == (issueText == null)) {
            throw new ParameterException(spec.commandLine(),
                    "one issue needs --repo, --commit, --candidates and one of --issue FILE or --issue-text TEXT");
        }
        String text = issueFile != null ? Files.readString(issueFile, StandardCharsets.UTF_8) : issueText;
        CandidatePools.Pool pool = CandidatePools.fromDirectories(candidatesDir, testsDir);
        PrintWriter err = spec.commandLine().getErr();
        pool.notes().forEach(n -> err.println("note: " + n));
        if (pool.candidates().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no *.diff file in " + candidatesDir);
        }
        Path work = Files.createTempDirectory("quorum-select-");
        try {
            Path checkout = repos.checkout(RepoRef.fromUserInput(repo), commit, work.resolve("repo"));
            Issue issue = new Issue("", text, "");
            List<VoterTest> voters = new ArrayList<>(pool.tests());
            if (!noGenerateTests && models.configured(System.getenv())) {
                GeneratedVoters.Result generated = GeneratedVoters.reproductions(models.client(System.getenv()),
                        provider, environments, checkout, commit, issue, null, generateAttempts);
                generated.rejected().forEach(r -> err.println("note: generated test rejected: " + r));
                err.println("note: " + generated.voters().size() + " generated reproduction test(s) kept as voters");
                voters.addAll(generated.voters());
            }
            SelectionResult result = selector.select(new SelectionRequest(checkout, issue, pool.candidates(), voters,
                    null, options));
            ObjectNode document = SelectionReports.toJson(result);
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve("select.json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document), StandardCharsets.UTF_8);
            if (result instanceof SelectionResult.Chosen chosen) {
                Files.write(runDir.resolve("patch.diff"), chosen.patch().bytes());
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n"
                    : SelectionReports.toText(result));
            stdout.flush();
            err.println("wrote " + runDir.resolve("select.json"));
            err.flush();
            return result instanceof SelectionResult.Chosen ? 0 : 3;
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    private int ensemble(Selector selector, SelectionOptions options, RepoCache repos, Path runDir) throws Exception {
        if (tasksFile == null || predictions == null || predictions.isEmpty() || out == null) {
            throw new ParameterException(spec.commandLine(), "ensemble mode needs --tasks, --predictions and --out");
        }
        PrintWriter err = spec.commandLine().getErr();
        LoadResult<Task> tasks = TaskFiles.readTasks(tasksFile);
        tasks.errors().forEach(e -> err.println("skipped: " + e));
        Map<String, Map<String, Patch>> patches = new LinkedHashMap<>();
        Set<String> sources = new HashSet<>();
        for (Path file : predictions) {
            String source = file.getFileName().toString();
            if (!sources.add(source)) {
                source = file.toString();
            }
            LoadResult<Prediction> read = TaskFiles.readPredictions(file);
            read.errors().forEach(e -> err.println("skipped: " + e));
            for (Prediction p : read.items()) {
                patches.computeIfAbsent(p.instanceId(), k -> new LinkedHashMap<>()).put(source, p.patch());
            }
        }
        List<Prediction> written = new ArrayList<>(Files.exists(out) ? TaskFiles.readPredictions(out).items() : List.of());
        Set<String> done = new HashSet<>();
        written.forEach(p -> done.add(p.instanceId()));
        Path work = Files.createTempDirectory("quorum-select-");
        int[] failures = {0};
        try {
            Files.createDirectories(runDir.resolve("select"));
            EnsembleSelection ensemble = new EnsembleSelection(selector, options);
            ensemble.run(tasks.items(), patches, done,
                    task -> repos.checkout(task.repo(), task.baseCommit(), work.resolve(FileNames.forId(task.instanceId()))),
                    workers, outcome -> {
                        if (outcome.error() != null) {
                            failures[0]++;
                            err.println(outcome.instanceId() + ": failed: " + outcome.error());
                            err.flush();
                            return;
                        }
                        written.add(new Prediction(outcome.instanceId(), "quorum-select", outcome.patch()));
                        writeAtomically(out, written);
                        writeEvidence(runDir.resolve("select").resolve(FileNames.forId(outcome.instanceId()) + ".json"), outcome.result());
                        err.println(outcome.instanceId() + ": " + (outcome.chosenSource() != null
                                ? "chose " + outcome.chosenSource() : "abstained"));
                        err.flush();
                    });
        } finally {
            FileTrees.deleteQuietly(work);
        }
        spec.commandLine().getOut().printf("wrote %s (%d instances)%n", out, written.size());
        spec.commandLine().getOut().flush();
        return failures[0] == 0 ? 0 : 1;
    }

    private static void writeAtomically(Path file, List<Prediction> predictions) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            TaskFiles.writePredictions(tmp, predictions);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeEvidence(Path file, SelectionResult result) {
        try {
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(SelectionReports.toJson(result)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }
}

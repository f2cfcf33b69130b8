package dev.quorum.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.FileNames;
import dev.quorum.core.FileTrees;
import dev.quorum.core.Issue;
import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.model.ModelClient;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.selection.CandidatePools;
import dev.quorum.selection.EnsembleSelection;
import dev.quorum.selection.SelectionOptions;
import dev.quorum.selection.SelectionReports;
import dev.quorum.selection.SelectionRequest;
import dev.quorum.selection.SelectionResult;
import dev.quorum.selection.Selector;
import dev.quorum.selection.VoterTest;
import dev.quorum.tasks.LoadResult;
import dev.quorum.tasks.Prediction;
import dev.quorum.tasks.RepoCache;
import dev.quorum.tasks.RepoException;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code quorum select}: the pipeline with externally given diffs as its only candidate source. One issue (a
 * directory of candidate diffs, optional voter tests and model-written reproductions) or an ensemble (every
 * instance of a task file, its candidates the patches of several prediction files). Writes {@code select.json},
 * the chosen {@code patch.diff}, and in ensemble mode the selected predictions, atomically after each instance so
 * that a rerun resumes.
 */
public final class SelectRun {
    private final Selector selector;
    private final SelectionOptions options;
    private final RepoCache repos;
    private final Path runDir;
    private final Consumer<String> notes;

    /** @param notes hears what the user should read on the way (skipped lines, rejected tests, per-instance outcomes) */
    public SelectRun(Selector selector, SelectionOptions options, RepoCache repos, Path runDir, Consumer<String> notes) {
        this.selector = selector;
        this.options = options;
        this.repos = repos;
        this.runDir = runDir;
        this.notes = notes;
    }

    /** One issue's inputs. */
    public record Single(String repo, String commit, String issueText, Path candidatesDir, Path testsDir) {
    }

    /** Writes model-written reproduction tests to add to the given voters, when a model is configured. */
    public record Generation(ModelClient model, SandboxProvider sandboxes, Environments environments, TestRunner tests,
                             int attempts) {
    }

    /** What one issue's selection decided and where its evidence went. */
    public record SingleOutcome(SelectionResult result, ObjectNode document, Path evidence) {
    }

    /** How an ensemble run went: predictions written in total, instances that failed in this run. */
    public record EnsembleOutcome(int written, int failures) {
    }

    /**
     * @param generation null to use the given voter tests only
     * @throws IllegalArgumentException when the candidates directory holds no diff
     */
    public SingleOutcome single(Single input, Generation generation) throws IOException, RepoException {
        CandidatePools.Pool pool = CandidatePools.fromDirectories(input.candidatesDir(), input.testsDir());
        pool.notes().forEach(n -> notes.accept("note: " + n));
        if (pool.candidates().isEmpty()) {
            throw new IllegalArgumentException("no *.diff file in " + input.candidatesDir()
                    + ": put one candidate patch per file there");
        }
        Path work = Files.createTempDirectory("quorum-select-");
        try {
            Path checkout = repos.checkout(RepoRef.fromUserInput(input.repo()), input.commit(), work.resolve("repo"));
            Issue issue = new Issue("", input.issueText(), "");
            List<VoterTest> voters = new ArrayList<>(pool.tests());
            if (generation != null) {
                GeneratedVoters.Result generated = GeneratedVoters.reproductions(generation.model(),
                        generation.sandboxes(), generation.environments(), generation.tests(), checkout, input.commit(), issue, null,
                        generation.attempts());
                generated.rejected().forEach(r -> notes.accept("note: generated test rejected: " + r));
                notes.accept("note: " + generated.voters().size() + " generated reproduction test(s) kept as voters");
                voters.addAll(generated.voters());
            }
            SelectionResult result = selector.select(new SelectionRequest(checkout, issue, pool.candidates(), voters,
                    null, options));
            ObjectNode document = SelectionReports.toJson(result);
            Files.createDirectories(runDir);
            Path evidence = runDir.resolve("select.json");
            writeJson(evidence, document);
            if (result instanceof SelectionResult.Chosen chosen) {
                Files.write(runDir.resolve("patch.diff"), chosen.patch().bytes());
            }
            return new SingleOutcome(result, document, evidence);
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    /** Selects per instance of {@code tasksFile}; instances already in {@code out} are skipped (resume). */
    public EnsembleOutcome ensemble(Path tasksFile, List<Path> predictions, Path out, int workers) throws IOException {
        LoadResult<Task> tasks = TaskFiles.readTasks(tasksFile);
        tasks.errors().forEach(e -> notes.accept("skipped: " + e));
        Map<String, Map<String, Patch>> patches = patchesBySource(predictions);
        List<Prediction> written = new ArrayList<>(Files.exists(out) ? TaskFiles.readPredictions(out).items() : List.of());
        Set<String> done = new HashSet<>();
        written.forEach(p -> done.add(p.instanceId()));
        Path work = Files.createTempDirectory("quorum-select-");
        int[] failures = {0};
        try {
            Files.createDirectories(runDir.resolve("select"));
            new EnsembleSelection(selector, options).run(tasks.items(), patches, done,
                    task -> repos.checkout(task.repo(), task.baseCommit(), work.resolve(FileNames.forId(task.instanceId()))),
                    workers, outcome -> {
                        if (outcome.error() != null) {
                            failures[0]++;
                            notes.accept(outcome.instanceId() + ": failed: " + outcome.error());
                            return;
                        }
                        written.add(new Prediction(outcome.instanceId(), "quorum-select", outcome.patch()));
                        writePredictionsAtomically(out, written);
                        writeJson(runDir.resolve("select").resolve(FileNames.forId(outcome.instanceId()) + ".json"),
                                SelectionReports.toJson(outcome.result()));
                        notes.accept(outcome.instanceId() + ": " + (outcome.chosenSource() != null
                                ? "chose " + outcome.chosenSource() : "abstained"));
                    });
        } finally {
            FileTrees.deleteQuietly(work);
        }
        return new EnsembleOutcome(written.size(), failures[0]);
    }

    /** instance id → prediction file → patch; two files with the same name are told apart by their full path. */
    private Map<String, Map<String, Patch>> patchesBySource(List<Path> predictions) {
        Map<String, Map<String, Patch>> patches = new LinkedHashMap<>();
        Set<String> sources = new HashSet<>();
        for (Path file : predictions) {
            String source = sources.add(file.getFileName().toString()) ? file.getFileName().toString() : file.toString();
            LoadResult<Prediction> read = TaskFiles.readPredictions(file);
            read.errors().forEach(e -> notes.accept("skipped: " + e));
            for (Prediction p : read.items()) {
                patches.computeIfAbsent(p.instanceId(), k -> new LinkedHashMap<>()).put(source, p.patch());
            }
        }
        return patches;
    }

    private static void writePredictionsAtomically(Path file, List<Prediction> predictions) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            TaskFiles.writePredictions(tmp, predictions);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeJson(Path file, ObjectNode document) {
        try {
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

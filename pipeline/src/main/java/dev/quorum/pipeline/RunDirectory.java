package dev.quorum.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quorum.core.Json;
import dev.quorum.core.Redactor;
import dev.quorum.core.RepoRef;
import dev.quorum.model.Spend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;

/**
 * {@code runs/<run-id>/}: {@code config.json} (what was asked, no secrets), {@code events.jsonl} (append-only, one
 * line per stage start and end, flushed as it happens), each stage's output, and the report at the end.
 */
final class RunDirectory {
    private final Path dir;
    private final ObjectMapper json = Json.mapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectMapper lines = Json.mapper();
    private final Map<String, StageCost> stages = new LinkedHashMap<>();
    private final Supplier<Spend> spend;
    private final SolveListener listener;
    private final String runId;
    private final Redactor redactor;

    private RunDirectory(Path dir, Supplier<Spend> spend, SolveListener listener, String runId, Redactor redactor) {
        this.redactor = redactor;
        this.dir = dir;
        this.spend = spend;
        this.listener = listener;
        this.runId = runId;
    }

    /** What one stage took: wall time, and model tokens and dollars (all models used in the stage). */
    record StageCost(Duration time, long tokens, double usd) {
    }

    /**
     * @param spend    what the run's models have spent so far; stages record the difference
     * @param redactor every JSON file, event line and the HTML report go through it on their way to the disk
     */
    static RunDirectory open(SolveRequest request, Supplier<Spend> spend, SolveListener listener, Redactor redactor) {
        RunDirectory run = new RunDirectory(request.runDir(), spend, listener, request.runId(), redactor);
        try {
            Files.createDirectories(run.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + run.dir, e);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("repo", Redactor.withoutUserInfo(request.repo().spec()));
        config.put("commit", request.commit());
        config.put("issue", request.issue());
        config.put("samples", request.samples());
        config.put("inputs", new java.util.TreeMap<>(request.options().inputs()));
        config.put("build", request.build());
        config.put("options", Map.of("reproduction_attempts", request.options().reproductionAttempts(),
                "regression_classes", request.options().regressionClasses(),
                "limits", request.options().limits().toString()));
        run.checkSameInputs(config, request.options().force());
        run.writeJson("config.json", config);
        run.event("run", "started", Map.of("run_id", request.runId()));
        return run;
    }

    Path dir() {
        return dir;
    }

    /** The inputs that make a run what it is: resuming it with other ones would mix two runs in one directory. */
    private static final List<String> IDENTITY = List.of("repo", "commit", "issue", "samples", "inputs");

    private void checkSameInputs(Map<String, Object> config, boolean force) {
        Path file = dir.resolve("config.json");
        if (force || !Files.exists(file)) {
            return;
        }
        JsonNode earlier;
        try {
            earlier = lines.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (use --force to overwrite it)", e);
        }
        JsonNode now = lines.valueToTree(config);
        List<String> differ = IDENTITY.stream()
                .filter(key -> !earlier.path(key).equals(now.path(key)) && !(key.equals("inputs")
                        && earlier.path(key).isMissingNode() && now.path(key).isEmpty()))
                .toList();
        if (!differ.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " in " + dir + " was started with other inputs ("
                    + String.join(", ", differ) + " differ); use another run id, or --force to resume it anyway");
        }
    }

    Map<String, StageCost> stages() {
        return new LinkedHashMap<>(stages);
    }

    /** Runs one stage, recording its start, end (or failure) and duration in events.jsonl. */
    <T> T stage(String name, Supplier<T> work) {
        event(name, "started", Map.of());
        listener.stageStarted(runId, name);
        long start = System.nanoTime();
        Spend before = spend.get();
        try {
            T result = work.get();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Spend after = spend.get();
            StageCost cost = new StageCost(took, after.tokens() - before.tokens(), after.usd() - before.usd());
            stages.put(name, cost);
            listener.stageFinished(runId, name, took, cost.tokens(), cost.usd());
            event(name, "finished", Map.of("seconds", took.toMillis() / 1000.0, "tokens", cost.tokens(),
                    "usd", cost.usd()));
            return result;
        } catch (RuntimeException e) {
            event(name, "failed", Map.of("error", redactor.describe(e)));
            throw e;
        }
    }

    void event(String stage, String what, Map<String, Object> details) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("stage", stage);
        line.put("event", what);
        line.putAll(details);
        try {
            String text = lines.writeValueAsString(redactor.redact(lines.valueToTree(line)));
            Files.writeString(dir.resolve("events.jsonl"), text + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + dir.resolve("events.jsonl"), e);
        }
    }

    void writeJson(String name, Object value) {
        try {
            Files.writeString(dir.resolve(name), json.writeValueAsString(redactor.redact(json.valueToTree(value))),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    void writeBytes(String name, byte[] bytes) {
        try {
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    SolveResult finish(SolveReport report) {
        SolveResult result = report.result(dir);
        writeJson("report.json", report.toJson());
        writeBytes("report.html", redactor.redact(ReportHtml.render(report)).getBytes(StandardCharsets.UTF_8));
        if (result instanceof SolveResult.Fixed fixed) {
            writeBytes("patch.diff", fixed.patch().bytes());
        }
        event("run", "finished", Map.of("result", result instanceof SolveResult.Fixed ? "fixed" : "abstained"));
        return result;
    }

    /** The commit a repository's HEAD points at (a local path; remote repositories need an explicit commit). */
    static String headOf(RepoRef repo) {
        if (repo.isUrl() || repo.isOwnerName() && !Files.isDirectory(Path.of(repo.spec()))) {
            throw new IllegalArgumentException("give --commit for a remote repository ("
                    + Redactor.withoutUserInfo(repo.spec()) + "): its HEAD is not known before cloning");
        }
        return headOf(Path.of(repo.spec()));
    }

    static String headOf(Path repo) {
        try (Git git = Git.open(repo.toFile())) {
            ObjectId head = git.getRepository().resolve("HEAD");
            if (head == null) {
                throw new IllegalArgumentException(repo + " has no commits");
            }
            return head.getName();
        } catch (IOException e) {
            throw new IllegalArgumentException(repo + " is not a git repository: " + e.getMessage(), e);
        }
    }
}

package dev.quorum.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.tasks.LoadResult;
import dev.quorum.tasks.Prediction;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A whole evaluation run: read the inputs, skip what an earlier attempt of the run id graded, grade the rest on a
 * bounded pool of workers (each result appended to {@code results.jsonl} as it comes), then write the report.
 */
final class RunEvaluation {
    private static final ObjectMapper JSON = Json.mapper();

    private final Instances instances;

    RunEvaluation(Instances instances) {
        this.instances = instances;
    }

    /** The patch one task is graded with. */
    private record Work(Task task, String model, Patch patch) {
    }

    EvalReport run(EvalRequest request, EvalListener listener) {
        TaskInput input = TaskInput.read(request.tasks());
        List<String> inputErrors = new ArrayList<>(input.errors());
        List<Task> selected = input.select(request.tasks(), request.instanceIds());
        List<String> withoutPrediction = new ArrayList<>();
        List<String> unknownPredictions = new ArrayList<>();
        List<Work> work = patches(request, input, selected, withoutPrediction, unknownPredictions, inputErrors);

        RunLayout layout = new RunLayout(request.runDir());
        checkConfig(request, layout);
        try (ResultsLog log = ResultsLog.open(layout.results())) {
            Map<String, InstanceResult> earlier = log.results();
            // ENV_FAILED and INFRA_FAILED say nothing about the patch (a network hiccup, a full disk, an engine
            // gone): a re-run retries them.
            List<Work> todo = work.stream().filter(w -> {
                InstanceResult r = earlier.get(w.task().instanceId());
                return r == null || r.outcome().retriedOnResume();
            }).toList();
            listener.started(request.runId(), todo.size(), work.size() - todo.size());
            gradeAll(todo, request, layout, log, listener);
            EvalReport report = Report.write(layout,
                    new Report.Inputs(request.runId(), selected, withoutPrediction, unknownPredictions, inputErrors,
                            input.warnings(), request.strict()),
                    log.results());
            listener.finished(report);
            return report;
        }
    }

    private void gradeAll(List<Work> todo, EvalRequest request, RunLayout layout, ResultsLog log,
                          EvalListener listener) {
        if (todo.isEmpty()) {
            return;
        }
        int workers = Math.min(Workers.resolve(request.workers()), todo.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "quorum-eval-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Work w : todo) {
                futures.add(pool.submit(() -> {
                    listener.instanceStarted(w.task().instanceId());
                    InstanceResult result = instances.evaluate(w.task(), w.model(), w.patch(), layout,
                            request.testTimeout(), request.strict());
                    log.append(result);
                    listener.instanceFinished(result);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted; re-run the same run id to resume", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Work> patches(EvalRequest request, TaskInput input, List<Task> selected,
                                      List<String> withoutPrediction, List<String> unknownPredictions,
                                      List<String> inputErrors) {
        List<Work> work = new ArrayList<>();
        switch (request.patches()) {
            case GOLD -> selected.forEach(t -> {
                if (t.patch().isEmpty()) {
                    withoutPrediction.add(t.instanceId());
                } else {
                    work.add(new Work(t, "gold", t.patch()));
                }
            });
            case EMPTY -> selected.forEach(t -> work.add(new Work(t, "empty", Patch.empty())));
            case PREDICTIONS -> {
                LoadResult<Prediction> loaded = TaskFiles.readPredictions(request.predictions());
                loaded.errors().forEach(e -> inputErrors.add(e.toString()));
                Map<String, Prediction> byId = new LinkedHashMap<>();
                for (Prediction p : loaded.items()) {
                    if (byId.putIfAbsent(p.instanceId(), p) != null) {
                        inputErrors.add(request.predictions() + ": two predictions for " + p.instanceId()
                                + "; the first is graded");
                    }
                }
                Set<String> known = new LinkedHashSet<>(input.refused());
                input.tasks().forEach(t -> known.add(t.instanceId()));
                byId.keySet().stream().filter(id -> !known.contains(id)).forEach(unknownPredictions::add);
                for (Task t : selected) {
                    Prediction p = byId.get(t.instanceId());
                    if (p == null) {
                        withoutPrediction.add(t.instanceId());
                    } else {
                        work.add(new Work(t, p.model(), p.patch()));
                    }
                }
            }
        }
        return work;
    }

    /**
     * A run id keeps its inputs: resuming it with another task file, predictions file, kind of patch or strictness
     * would mix two evaluations in one report. Refused unless forced; a forced run records the new inputs.
     */
    private static void checkConfig(EvalRequest request, RunLayout layout) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("run_id", request.runId());
        config.put("tasks", request.tasks().toAbsolutePath().normalize().toString());
        config.put("predictions", request.predictions() == null || request.patches() != EvalRequest.Patches.PREDICTIONS
                ? null : request.predictions().toAbsolutePath().normalize().toString());
        config.put("patches", request.patches().name());
        config.put("strict", request.strict());
        config.put("test_timeout_seconds", request.testTimeout().toSeconds());
        try {
            if (Files.exists(layout.config())) {
                JsonNode earlier = JSON.readTree(layout.config().toFile());
                List<String> differences = new ArrayList<>();
                for (String key : List.of("tasks", "predictions", "patches", "strict")) {
                    JsonNode was = earlier.path(key);
                    // Runs from before --strict existed were not strict.
                    String before = was.isMissingNode() && key.equals("strict") ? "false"
                            : was.isNull() || was.isMissingNode() ? "null" : was.asText();
                    String now = String.valueOf(config.get(key));
                    if (!before.equals(now)) {
                        differences.add(key + " was " + before + ", now " + now);
                    }
                }
                if (differences.isEmpty()) {
                    return;
                }
                if (!request.force()) {
                    throw new IllegalArgumentException("run " + request.runId() + " in " + layout.runDir()
                            + " was started with other inputs (" + String.join("; ", differences) + "); use another"
                            + " run id, or --force to grade into it anyway (its earlier results are kept)");
                }
            }
            RunLayout.writeAtomically(layout.config(), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(config) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + layout.config() + ": " + e.getMessage(), e);
        }
    }
}

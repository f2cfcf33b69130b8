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
        List<String> inputErrors = new ArrayList<>();
        List<Task> selected = selectTasks(request, inputErrors);
        List<String> withoutPrediction = new ArrayList<>();
        List<String> unknownPredictions = new ArrayList<>();
        List<Work> work = patches(request, selected, withoutPrediction, unknownPredictions, inputErrors);

        RunLayout layout = new RunLayout(request.runDir());
        checkConfig(request, layout);
        try (ResultsLog log = ResultsLog.open(layout.results())) {
            Map<String, InstanceResult> earlier = log.results();
            // ENV_FAILED says nothing about the patch (a network hiccup, a full disk): a re-run retries it.
            List<Work> todo = work.stream().filter(w -> {
                InstanceResult r = earlier.get(w.task().instanceId());
                return r == null || r.outcome() == Outcome.ENV_FAILED;
            }).toList();
            listener.started(request.runId(), todo.size(), work.size() - todo.size());
            gradeAll(todo, request, layout, log, listener);
            EvalReport report = Report.write(layout,
                    new Report.Inputs(request.runId(), selected, withoutPrediction, unknownPredictions, inputErrors),
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
                            request.testTimeout());
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

    private static List<Task> selectTasks(EvalRequest request, List<String> inputErrors) {
        LoadResult<Task> loaded = TaskFiles.readTasks(request.tasks());
        loaded.errors().forEach(e -> inputErrors.add(e.toString()));
        Map<String, Task> byId = new LinkedHashMap<>();
        for (Task t : loaded.items()) {
            if (byId.putIfAbsent(t.instanceId(), t) != null) {
                inputErrors.add(request.tasks() + ": instance " + t.instanceId() + " appears twice; the first is used");
            }
        }
        if (request.instanceIds().isEmpty()) {
            return List.copyOf(byId.values());
        }
        Set<String> wanted = new LinkedHashSet<>(request.instanceIds());
        List<String> unknown = wanted.stream().filter(id -> !byId.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no such instance in " + request.tasks() + ": " + unknown);
        }
        return byId.values().stream().filter(t -> wanted.contains(t.instanceId())).toList();
    }

    private static List<Work> patches(EvalRequest request, List<Task> selected, List<String> withoutPrediction,
                                      List<String> unknownPredictions, List<String> inputErrors) {
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
                Set<String> known = new LinkedHashSet<>();
                try {
                    TaskFiles.readTasks(request.tasks()).items().forEach(t -> known.add(t.instanceId()));
                } catch (UncheckedIOException e) {
                    // read a moment ago; cannot fail differently now
                }
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

    /** A run id keeps one kind of patch: resuming a gold run with predictions would mix two evaluations. */
    private static void checkConfig(EvalRequest request, RunLayout layout) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("run_id", request.runId());
        config.put("tasks", request.tasks().toAbsolutePath().normalize().toString());
        config.put("predictions", request.predictions() == null ? null
                : request.predictions().toAbsolutePath().normalize().toString());
        config.put("patches", request.patches().name());
        config.put("test_timeout_seconds", request.testTimeout().toSeconds());
        try {
            if (Files.exists(layout.config())) {
                JsonNode earlier = JSON.readTree(layout.config().toFile());
                String patches = earlier.path("patches").asText();
                if (!patches.equals(request.patches().name())) {
                    throw new IllegalArgumentException("run " + request.runId() + " in " + layout.runDir()
                            + " grades " + patches + " patches, not " + request.patches()
                            + "; use another run id");
                }
                return;
            }
            RunLayout.writeAtomically(layout.config(), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(config) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + layout.config() + ": " + e.getMessage(), e);
        }
    }
}

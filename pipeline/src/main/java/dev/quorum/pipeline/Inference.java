package dev.quorum.pipeline;

import dev.quorum.core.FileNames;
import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.tasks.LoadResult;
import dev.quorum.tasks.Prediction;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * {@code quorum infer}: solve every task of a task file and write SWE-bench predictions. Each finished instance is
 * appended (and synced) as it completes; a re-run skips instances already in the predictions file, after cutting off
 * a last line that a crash left half-written (that instance is solved again). An abstention is written as an empty
 * patch, which graders count as unresolved. A task that cannot be solved (an empty problem statement) is reported
 * for that task; the others still run. Each instance's run directory is {@code <prefix>-<instance id as a file
 * name>} ({@link FileNames}).
 */
public final class Inference {
    private final Solve solve;
    private final String modelName;
    private final SolveRequest.Options options;

    /** @param options per-run options for every instance; null for the defaults */
    public Inference(Solve solve, String modelName, SolveRequest.Options options) {
        this.solve = solve;
        this.modelName = modelName;
        this.options = options;
    }

    /** One instance's result, for the summary; {@code costUsd} is that instance's own spend. */
    public record InstanceOutcome(String instanceId, String result, Path runDir, String error, double costUsd) {
        public InstanceOutcome(String instanceId, String result, Path runDir, String error) {
            this(instanceId, result, runDir, error, 0);
        }
    }

    public List<InstanceOutcome> run(List<Task> tasks, Path predictions, Path runsDir, String runPrefix, int samples,
                                     int workers) {
        Set<String> done = finishedInstances(predictions);
        List<Task> todo = tasks.stream().filter(t -> !done.contains(t.instanceId())).toList();
        List<InstanceOutcome> outcomes = new ArrayList<>();
        done.forEach(id -> outcomes.add(new InstanceOutcome(id, "already predicted", null, null)));
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers))) {
            List<Future<InstanceOutcome>> futures = new ArrayList<>();
            for (Task task : todo) {
                futures.add(pool.submit(() -> solveOne(task, predictions, runsDir, runPrefix, samples)));
            }
            for (Future<InstanceOutcome> f : futures) {
                outcomes.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; finished instances are in " + predictions);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        return outcomes;
    }

    /**
     * The instances the predictions file already holds. A torn last line (a crash in the middle of a write) is cut
     * off first, so that the next append starts on a line of its own; any other unreadable line stops the run,
     * because appending after it would leave the file ambiguous.
     */
    private static Set<String> finishedInstances(Path predictions) {
        if (!Files.exists(predictions)) {
            return Set.of();
        }
        cutTornLastLine(predictions);
        LoadResult<Prediction> read = TaskFiles.readPredictions(predictions);
        if (read.hasErrors()) {
            throw new IllegalArgumentException("the predictions file " + predictions + " has lines that cannot be"
                    + " read; fix or remove them before resuming:\n" + read.errors().stream().map(Object::toString)
                    .collect(Collectors.joining("\n")));
        }
        return read.items().stream().map(Prediction::instanceId).collect(Collectors.toSet());
    }

    private static void cutTornLastLine(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                ch.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                ch.truncate(end);
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair " + file, e);
        }
    }

    private InstanceOutcome solveOne(Task task, Path predictions, Path runsDir, String prefix, int samples) {
        if (task.issue().fullText().isBlank()) {
            return new InstanceOutcome(task.instanceId(), "failed", null, "the task has an empty problem_statement:"
                    + " there is no issue to solve");
        }
        String runId = prefix + "-" + FileNames.forId(task.instanceId());
        try {
            SolveRequest request = new SolveRequest(task.repo(), task.baseCommit(), task.issue(), samples,
                    task.build(), runsDir, runId, options);
            SolveResult result = solve.solve(request);
            Patch patch = result instanceof SolveResult.Fixed f ? f.patch() : Patch.empty();
            append(predictions, task.instanceId(), patch);
            return new InstanceOutcome(task.instanceId(), result instanceof SolveResult.Fixed f
                    ? "fixed (" + f.candidateId() + ")" : "abstained", result.runDir(), null, result.costUsd());
        } catch (RuntimeException e) {
            // Not written: a re-run tries the instance again.
            return new InstanceOutcome(task.instanceId(), "failed", runsDir.resolve(runId),
                    solve.redactor().redact(String.valueOf(e.getMessage())));
        }
    }

    private synchronized void append(Path predictions, String instanceId, Patch patch) {
        TaskFiles.appendPrediction(predictions, new Prediction(instanceId, modelName, patch));
    }
}

package dev.quorum.tasks;

import dev.quorum.core.Task;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes task and prediction files (JSONL). Reading never stops at a bad line: each one becomes a
 * {@link LineError} naming the file, the line and the field, and the other lines are still read. I/O failures
 * (a missing file) are thrown as {@link java.io.UncheckedIOException}.
 */
public final class TaskFiles {
    private TaskFiles() {
    }

    /** Tasks in SWE-bench's layout with Java test ids; unknown keys come back as warnings. */
    public static LoadResult<Task> readTasks(Path file) {
        return JsonLines.read(file, TaskJson::decode, TaskJson.KEYS);
    }

    public static void writeTasks(Path file, List<Task> tasks) {
        JsonLines.write(file, tasks, TaskJson::encode);
    }

    /** Multi-SWE-bench Java records (one pull request and its test report a line), converted into tasks. */
    public static LoadResult<Task> importMultiSweBench(Path file) {
        return JsonLines.read(file, MultiSweBench::decode);
    }

    /** Predictions in SWE-bench form or Multi-SWE-bench form, line by line (both may be mixed). */
    public static LoadResult<Prediction> readPredictions(Path file) {
        return JsonLines.read(file, PredictionJson::decode);
    }

    /**
     * Adds one prediction as a line at the end of the file (created if absent), forced to disk before returning:
     * a crash while solving the next instance loses nothing written.
     */
    public static void appendPrediction(Path file, Prediction prediction) {
        JsonLines.append(file, PredictionJson.encode(prediction));
    }

    /** Always in SWE-bench form. */
    public static void writePredictions(Path file, List<Prediction> predictions) {
        JsonLines.write(file, predictions, PredictionJson::encode);
    }
}

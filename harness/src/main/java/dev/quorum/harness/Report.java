package dev.quorum.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quorum.core.Json;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Step 5: {@code report.json} and the Markdown summary ({@code report.md}) from the results of the run. */
final class Report {
    private Report() {
    }

    /** What went into a run besides its results. */
    record Inputs(String runId, List<Task> selected, List<String> withoutPrediction, List<String> unknownPredictions,
                  List<String> inputErrors, List<String> inputWarnings, boolean strict) {
    }

    static EvalReport write(RunLayout layout, Inputs inputs, Map<String, InstanceResult> results) {
        List<InstanceResult> instances = new ArrayList<>();
        for (Task task : inputs.selected()) {
            InstanceResult r = results.get(task.instanceId());
            if (r != null) {
                instances.add(r);
            }
        }
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        instances.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        String summary = markdown(inputs, instances, counts);
        EvalReport report = new EvalReport(inputs.runId(), layout.runDir(), inputs.selected().size(), instances, counts,
                inputs.withoutPrediction(), inputs.unknownPredictions(), inputs.inputErrors(), inputs.inputWarnings(),
                inputs.strict(), summary);
        RunLayout.writeAtomically(layout.reportJson(), json(report));
        RunLayout.writeAtomically(layout.reportMarkdown(), summary);
        return report;
    }

    private static String json(EvalReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", report.runId());
        doc.put("tasks", report.tasks());
        doc.put("graded", report.instances().size());
        doc.put("resolved", report.count(Outcome.RESOLVED_FULL));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            counts.put(o.name(), report.count(o));
        }
        doc.put("counts", counts);
        doc.put("strict", report.strict());
        doc.put("tests_reset", report.instances().stream().filter(r -> !r.testsReset().isEmpty())
                .map(InstanceResult::instanceId).toList());
        doc.put("build_files_changed", report.instances().stream().filter(r -> !r.buildFilesChanged().isEmpty())
                .map(InstanceResult::instanceId).toList());
        doc.put("without_prediction", report.withoutPrediction());
        doc.put("unknown_predictions", report.unknownPredictions());
        doc.put("input_errors", report.inputErrors());
        doc.put("input_warnings", report.inputWarnings());
        doc.put("instances", report.instances());
        try {
            return Json.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(Inputs inputs, List<InstanceResult> instances, Map<Outcome, Integer> counts) {
        int tasks = inputs.selected().size();
        int resolved = counts.getOrDefault(Outcome.RESOLVED_FULL, 0);
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation run `").append(inputs.runId()).append("`\n\n");
        md.append(String.format(Locale.ROOT, "Resolved **%d of %d** tasks (%.1f %%); %d graded, %d without a patch.%n%n",
                resolved, tasks, tasks == 0 ? 0.0 : 100.0 * resolved / tasks, instances.size(),
                inputs.withoutPrediction().size()));
        md.append("| outcome | instances |\n|---|---:|\n");
        for (Outcome o : Outcome.values()) {
            md.append("| ").append(o).append(" | ").append(counts.getOrDefault(o, 0)).append(" |\n");
        }
        if (!instances.isEmpty()) {
            Map<String, Task> byId = new LinkedHashMap<>();
            inputs.selected().forEach(t -> byId.put(t.instanceId(), t));
            md.append("\n| instance | outcome | FAIL_TO_PASS passed | PASS_TO_PASS passed | seconds | flags | note |\n");
            md.append("|---|---|---:|---:|---:|---|---|\n");
            for (InstanceResult r : instances) {
                Task task = byId.get(r.instanceId());
                md.append("| ").append(r.instanceId()).append(" | ").append(r.outcome()).append(" | ")
                        .append(passed(task.failToPass(), r)).append(" | ").append(passed(task.passToPass(), r))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.seconds())).append(" | ")
                        .append(flags(r)).append(" | ")
                        .append(r.error() == null ? "" : cell(r.error())).append(" |\n");
            }
            long flagged = instances.stream().filter(InstanceResult::flagged).count();
            if (flagged > 0) {
                md.append("\nFlags: `tests reset` — the patch changed test files, which were put back to the base")
                        .append(" commit before grading; `build changed` — the patch changed build files (")
                        .append(inputs.strict() ? "reset too: --strict" : "kept; --strict would reset them")
                        .append("). ").append(flagged).append(" instance(s) flagged.\n");
            }
        }
        list(md, "Without a patch (not graded)", inputs.withoutPrediction());
        list(md, "Predictions for instances not in the task file (ignored)", inputs.unknownPredictions());
        list(md, "Input lines that could not be read, and tasks refused", inputs.inputErrors());
        list(md, "Warnings about the input", inputs.inputWarnings());
        return md.toString();
    }

    private static String passed(List<TestId> tests, InstanceResult r) {
        if (r.tests().isEmpty()) {
            return "–/" + tests.size();
        }
        long n = tests.stream().filter(t -> r.tests().get(t.toString()) == TestStatus.PASSED).count();
        return n + "/" + tests.size();
    }

    private static String flags(InstanceResult r) {
        List<String> flags = new ArrayList<>();
        if (!r.testsReset().isEmpty()) {
            flags.add("tests reset (" + r.testsReset().size() + ")");
        }
        if (!r.buildFilesChanged().isEmpty()) {
            flags.add("build changed" + (r.buildFilesReset() ? ", reset" : "") + " (" + cell(String.join(", ",
                    r.buildFilesChanged())) + ")");
        }
        return String.join("; ", flags);
    }

    private static String cell(String text) {
        String line = text.lines().findFirst().orElse("").replace("|", "\\|");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    private static void list(StringBuilder md, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        md.append("\n").append(title).append(" (").append(items.size()).append("):\n\n");
        items.forEach(i -> md.append("- ").append(i).append('\n'));
    }
}

package dev.quorum.harness.report;

import static dev.quorum.harness.report.Html.esc;

import dev.quorum.core.Redactor;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.harness.EvalReport;
import dev.quorum.harness.InstanceResult;
import dev.quorum.harness.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code runs/<run-id>/report.html} of {@code quorum eval}: one self-contained page (styles, charts and the small
 * filter script inline; nothing fetched) with the resolve rate (raw and gold-ceiling-adjusted), charts of outcomes,
 * outcomes per repository and time and cost per instance, a per-repository table, and the outcome table with
 * filters and links to each instance's logs (relative paths inside the run directory).
 */
public final class EvalHtml {
    /** Filters rows by outcome, repository and text; {@code #outcome=X&repo=Y&q=Z} in the address presets them. */
    private static final String FILTER_SCRIPT = """
            (function(){
            var o=document.getElementById('f-outcome'),r=document.getElementById('f-repo'),q=document.getElementById('f-text');
            function apply(){var n=0;document.querySelectorAll('#instances tbody tr').forEach(function(tr){
            var show=(!o.value||tr.dataset.outcome===o.value)&&(!r.value||tr.dataset.repo===r.value)
            &&(!q.value||tr.dataset.id.indexOf(q.value)>=0);tr.hidden=!show;if(show)n++;});
            document.getElementById('f-count').textContent=n+' shown';}
            new URLSearchParams(location.hash.slice(1)).forEach(function(v,k){
            if(k==='outcome')o.value=v;if(k==='repo')r.value=v;if(k==='q')q.value=v;});
            [o,r,q].forEach(function(e){e.addEventListener('input',apply);});apply();})();
            """;

    private EvalHtml() {
    }

    /**
     * Writes {@code report.html} into the report's run directory.
     *
     * @param tasks     the run's tasks (for repositories and test lists); instances without one show blanks
     * @param solveRuns the {@code quorum infer} runs behind the predictions, by instance (for cost); may be empty
     * @param markers   the task set's gold-ceiling and duplicate marks; {@link Markers#none()} when it has none
     */
    public static Path write(EvalReport report, List<Task> tasks, Map<String, SolveRun> solveRuns, Markers markers) {
        Path file = report.runDir().resolve("report.html");
        try {
            Files.writeString(file, render(report, tasks, solveRuns, markers), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    static String render(EvalReport report, List<Task> tasks, Map<String, SolveRun> solveRuns, Markers markers) {
        Map<String, Task> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.put(t.instanceId(), t));
        List<InstanceResult> instances = report.instances();
        List<String> all = new ArrayList<>(byId.keySet());
        instances.stream().map(InstanceResult::instanceId).filter(id -> !byId.containsKey(id)).forEach(all::add);
        List<String> resolved = instances.stream().filter(r -> r.outcome().resolved())
                .map(InstanceResult::instanceId).toList();
        Markers.Rates rates = markers.rates(all, resolved);

        StringBuilder b = new StringBuilder(32_768);
        b.append("<h1>Evaluation run <code>").append(esc(report.runId())).append("</code></h1>");
        b.append("<p id=\"summary\" class=\"summary\"><strong>Resolved ").append(esc(rates.describe()))
                .append("</strong>. ").append(instances.size()).append(" graded, ")
                .append(report.withoutPrediction().size()).append(" without a patch, ")
                .append(report.inputErrors().size()).append(" unreadable input line(s).");
        if (!markers.goldRun().isEmpty()) {
            b.append(" Gold ceiling from run <code>").append(esc(markers.goldRun())).append("</code>.");
        }
        b.append("</p>");

        b.append("<h2>Charts</h2>");
        b.append(outcomeChart(report));
        Map<String, List<InstanceResult>> byRepo = byRepository(instances, byId);
        b.append(repositoryChart(byRepo));
        b.append(timeChart(instances));
        if (!solveRuns.isEmpty()) {
            b.append(costChart(instances, solveRuns));
        }

        b.append("<h2>Per repository</h2><table id=\"repositories\"><thead><tr><th>repository</th>"
                + "<th class=\"num\">graded</th><th class=\"num\">resolved</th><th class=\"num\">raw</th>"
                + "<th class=\"num\">adjusted</th><th class=\"num\">seconds</th><th class=\"num\">cost</th>"
                + "</tr></thead><tbody>");
        byRepo.forEach((repo, rs) -> {
            Markers.Rates r = markers.rates(rs.stream().map(InstanceResult::instanceId).toList(),
                    rs.stream().filter(x -> x.outcome().resolved()).map(InstanceResult::instanceId).toList());
            double usd = rs.stream().map(x -> solveRuns.get(x.instanceId())).filter(java.util.Objects::nonNull)
                    .mapToDouble(SolveRun::usd).sum();
            b.append("<tr><td>").append(esc(repo)).append("</td><td class=\"num\">").append(rs.size())
                    .append("</td><td class=\"num\">").append(r.resolved()).append("</td><td class=\"num\">")
                    .append(Html.percent(r.raw())).append("</td><td class=\"num\">")
                    .append(r.eligible() == 0 ? "–" : Html.percent(r.adjusted())).append("</td><td class=\"num\">")
                    .append(Html.seconds(rs.stream().mapToDouble(InstanceResult::seconds).sum()))
                    .append("</td><td class=\"num\">").append(solveRuns.isEmpty() ? "–" : Html.usd(usd))
                    .append("</td></tr>");
        });
        b.append("</tbody></table>");

        b.append("<h2>Instances</h2>").append(filters(instances, byRepo.keySet()));
        b.append("<table id=\"instances\"><thead><tr><th>instance</th><th>repository</th><th>outcome</th>"
                + "<th class=\"num\">FAIL_TO_PASS</th><th class=\"num\">PASS_TO_PASS</th><th class=\"num\">seconds</th>"
                + "<th class=\"num\">cost</th><th class=\"num\">tokens</th><th>marks</th><th>logs</th><th>note</th>"
                + "</tr></thead><tbody>");
        for (InstanceResult r : instances) {
            Task task = byId.get(r.instanceId());
            SolveRun run = solveRuns.get(r.instanceId());
            b.append("<tr data-id=\"").append(esc(r.instanceId())).append("\" data-outcome=\"").append(r.outcome())
                    .append("\" data-repo=\"").append(esc(repoOf(task))).append("\"><td><code>")
                    .append(esc(r.instanceId())).append("</code></td><td>").append(esc(repoOf(task)))
                    .append("</td><td class=\"").append(r.outcome()).append("\">").append(r.outcome())
                    .append("</td><td class=\"num\">").append(passed(task == null ? List.of() : task.failToPass(), r))
                    .append("</td><td class=\"num\">").append(passed(task == null ? List.of() : task.passToPass(), r))
                    .append("</td><td class=\"num\">").append(Html.seconds(r.seconds())).append("</td><td class=\"num\">")
                    .append(run == null ? "–" : Html.usd(run.usd())).append("</td><td class=\"num\">")
                    .append(run == null ? "–" : Long.toString(run.tokens())).append("</td><td>")
                    .append(esc(marks(markers, r.instanceId()))).append("</td><td>")
                    .append(logLinks(report, r.instanceId())).append("</td><td>")
                    .append(esc(r.error() == null ? "" : r.error().lines().findFirst().orElse(""))).append("</td></tr>");
        }
        b.append("</tbody></table>");
        list(b, "without-patch", "Without a patch (not graded)", report.withoutPrediction());
        list(b, "unknown-predictions", "Predictions for instances not in the task file", report.unknownPredictions());
        list(b, "input-errors", "Input lines that could not be read", report.inputErrors());
        return Html.page("Quorum eval " + report.runId(), b.toString(), FILTER_SCRIPT);
    }

    private static String outcomeChart(EvalReport report) {
        List<String> names = Stream.of(Outcome.values()).map(Enum::name).toList();
        double[] counts = Stream.of(Outcome.values()).mapToDouble(report::count).toArray();
        return Html.figure("chart-outcomes", "Instances per outcome.", Html.data(names, counts), Charts.bars("Outcomes", "instances", names,
                List.of(new Charts.Bars("instances", counts)), false));
    }

    private static String repositoryChart(Map<String, List<InstanceResult>> byRepo) {
        List<String> repos = new ArrayList<>(byRepo.keySet());
        if (repos.isEmpty()) {
            repos.add("(none)");
        }
        List<Charts.Bars> series = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            double[] values = repos.stream().mapToDouble(repo -> byRepo.getOrDefault(repo, List.of()).stream()
                    .filter(r -> r.outcome() == o).count()).toArray();
            if (java.util.Arrays.stream(values).sum() > 0 || o == Outcome.RESOLVED_FULL) {
                series.add(new Charts.Bars(o.name(), values));
            }
        }
        StringBuilder data = new StringBuilder();
        series.forEach(bars -> data.append(bars.name()).append(": ").append(Html.data(repos, bars.values())).append(". "));
        return Html.figure("chart-repositories", "Outcomes per repository (stacked).", data.toString().strip(),
                Charts.bars("Outcomes per repository", "instances", repos, series, true));
    }

    private static String timeChart(List<InstanceResult> instances) {
        List<InstanceResult> sorted = instances.stream()
                .sorted(Comparator.comparingDouble(InstanceResult::seconds).reversed()).toList();
        List<String> ids = sorted.isEmpty() ? List.of("(none)") : sorted.stream().map(InstanceResult::instanceId).toList();
        double[] seconds = sorted.isEmpty() ? new double[] {0} : sorted.stream().mapToDouble(InstanceResult::seconds).toArray();
        return Html.figure("chart-time", "Wall-clock seconds per instance (checkout, environment, tests), longest first.",
                Html.data(ids, seconds), Charts.bars("Time per instance", "seconds", ids, List.of(new Charts.Bars("seconds", seconds)), false));
    }

    private static String costChart(List<InstanceResult> instances, Map<String, SolveRun> solveRuns) {
        List<InstanceResult> withCost = instances.stream().filter(r -> solveRuns.containsKey(r.instanceId()))
                .sorted(Comparator.comparingDouble((InstanceResult r) -> solveRuns.get(r.instanceId()).usd()).reversed())
                .toList();
        if (withCost.isEmpty()) {
            return "";
        }
        List<String> ids = withCost.stream().map(InstanceResult::instanceId).toList();
        double[] usd = withCost.stream().mapToDouble(r -> solveRuns.get(r.instanceId()).usd()).toArray();
        return Html.figure("chart-cost", "Model cost (USD) of solving each instance, from its quorum infer run.",
                Html.data(ids, usd), Charts.bars("Cost per instance", "USD", ids, List.of(new Charts.Bars("USD", usd)), false));
    }

    private static String filters(List<InstanceResult> instances, java.util.Set<String> repos) {
        StringBuilder b = new StringBuilder("<div class=\"filters\"><label>outcome <select id=\"f-outcome\">"
                + "<option value=\"\">all</option>");
        instances.stream().map(InstanceResult::outcome).distinct().sorted()
                .forEach(o -> b.append("<option>").append(o).append("</option>"));
        b.append("</select></label><label>repository <select id=\"f-repo\"><option value=\"\">all</option>");
        repos.forEach(r -> b.append("<option>").append(esc(r)).append("</option>"));
        b.append("</select></label><label>instance <input id=\"f-text\" type=\"search\"></label>"
                + "<span id=\"f-count\" class=\"muted\"></span></div>");
        return b.toString();
    }

    private static Map<String, List<InstanceResult>> byRepository(List<InstanceResult> instances,
                                                                  Map<String, Task> tasks) {
        Map<String, List<InstanceResult>> byRepo = new TreeMap<>();
        instances.forEach(r -> byRepo.computeIfAbsent(repoOf(tasks.get(r.instanceId())), k -> new ArrayList<>()).add(r));
        return byRepo;
    }

    private static String repoOf(Task task) {
        // A repository given as a URL may carry credentials (https://user:token@host/...): never show them.
        return task == null ? "(unknown)" : Redactor.patternsOnly().redact(task.repo().spec());
    }

    private static String passed(List<TestId> tests, InstanceResult r) {
        if (r.tests().isEmpty()) {
            return "–/" + tests.size();
        }
        long n = tests.stream().filter(t -> r.tests().get(t.toString()) == TestStatus.PASSED).count();
        return n + "/" + tests.size();
    }

    private static String marks(Markers markers, String id) {
        List<String> marks = new ArrayList<>();
        if (markers.goldUnresolved().containsKey(id)) {
            marks.add("gold does not resolve (" + markers.goldUnresolved().get(id) + ")");
        }
        if (markers.duplicates().containsKey(id)) {
            marks.add("duplicate of " + markers.duplicates().get(id));
        }
        return String.join("; ", marks);
    }

    /** Links to the files in the instance's log directory, relative to the run directory. */
    private static String logLinks(EvalReport report, String instanceId) {
        Path logs = report.logsOf(instanceId);
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = report.runDir().relativize(f).toString().replace('\\', '/');
                b.append("<a class=\"log\" href=\"").append(esc(rel)).append("\">")
                        .append(esc(f.getFileName().toString())).append("</a> ");
            }
        } catch (IOException e) {
            return "(cannot list " + esc(logs.toString()) + ")";
        }
        return b.toString().strip();
    }

    private static void list(StringBuilder b, String id, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("<h2>").append(esc(title)).append(" (").append(items.size()).append(")</h2><ul id=\"").append(id)
                .append("\">");
        items.forEach(i -> b.append("<li>").append(esc(i)).append("</li>"));
        b.append("</ul>");
    }
}

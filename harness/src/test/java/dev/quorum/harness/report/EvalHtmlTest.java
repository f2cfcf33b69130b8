package dev.quorum.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.harness.EvalReport;
import dev.quorum.harness.InstanceResult;
import dev.quorum.harness.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalHtmlTest {
    @TempDir
    Path tmp;

    private static Task task(String id, String repo) {
        return new Task(id, new RepoRef(repo), "abc123", "issue " + id, "", Patch.empty(), Patch.empty(),
                List.of(TestId.parse("com.acme.FooTest#fails")), List.of(TestId.parse("com.acme.FooTest#passes")),
                null);
    }

    private static InstanceResult result(String id, Outcome outcome, TestStatus f2p, double seconds) {
        return new InstanceResult(id, "quorum/test", outcome, Map.of("com.acme.FooTest#fails", f2p,
                "com.acme.FooTest#passes", TestStatus.PASSED), seconds, outcome.isError() ? "it broke\nsecond line" : null,
                "maven 3.9.9, jdk 21");
    }

    /** Four instances over two repositories: one resolved, one not, one build failure, one whose gold is broken. */
    private EvalReport report(Path runDir) throws Exception {
        List<InstanceResult> instances = List.of(
                result("acme__strkit-1", Outcome.RESOLVED_FULL, TestStatus.PASSED, 12.5),
                result("acme__strkit-2", Outcome.RESOLVED_NO, TestStatus.FAILED, 30),
                result("acme__pathkit-3", Outcome.BUILD_FAILED, TestStatus.ERROR, 8),
                result("acme__pathkit-4", Outcome.RESOLVED_NO, TestStatus.FAILED, 20));
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, (int) instances.stream().filter(r -> r.outcome() == o).count());
        }
        EvalReport report = new EvalReport("graded", runDir, 4, instances, counts, List.of(), List.of(), List.of(),
                List.of(), false, "# summary");
        for (InstanceResult r : instances) {
            Path logs = Files.createDirectories(report.logsOf(r.instanceId()));
            Files.writeString(logs.resolve("build.log"), "BUILD of " + r.instanceId());
        }
        return report;
    }

    @Test
    void pageShowsTheTableTheChartsAndFiltersWithoutFetchingAnything() throws Exception {
        Path runDir = Files.createDirectories(tmp.resolve("runs/graded"));
        EvalReport report = report(runDir);
        List<Task> tasks = List.of(task("acme__strkit-1", "acme/strkit"), task("acme__strkit-2", "acme/strkit"),
                task("acme__pathkit-3", "https://user:s3cret@example.com/acme/pathkit.git"),
                task("acme__pathkit-4", "https://user:s3cret@example.com/acme/pathkit.git"));
        Markers markers = new Markers(Map.of("acme__pathkit-4", "RESOLVED_NO"), Map.of(), "gold-1");
        Path runs = tmp.resolve("runs");
        Path solveDir = Files.createDirectories(runs.resolve("inf-acme__strkit-1"));
        Files.writeString(solveDir.resolve("report.json"), """
                {"chosen":"t0","trajectories":[{"trajectory":0,"patch_bytes":120,"cost_usd":0.25}],
                 "evidence":{"groups":[{"id":"g1","members":["t0"],"live":true}],"scores":[{"groupId":"g1"}]},
                 "total":{"tokens":4200,"usd":0.5}}
                """);

        Path page = EvalHtml.write(report, tasks, SolveRun.readAll(runs, "inf"), markers);

        assertThat(page).isEqualTo(runDir.resolve("report.html"));
        HeadlessChromium all = HeadlessChromium.load(page, "", tmp);
        all.assertNothingFetched();
        var dom = all.dom();
        assertThat(dom.select("#summary").text())
                .contains("1/4 (25.0 %) raw").contains("1/3 (33.3 %) gold-ceiling-adjusted").contains("gold-1");
        assertThat(dom.select("#instances tbody tr")).hasSize(4);
        assertThat(dom.select("#instances tbody tr").not("[hidden]")).hasSize(4);
        Element first = dom.selectFirst("#instances tr[data-id=acme__strkit-1]");
        assertThat(first.select("td.RESOLVED_FULL").text()).isEqualTo("RESOLVED_FULL");
        assertThat(first.text()).contains("1/1").contains("12.5").contains("$0.5000").contains("4200");
        assertThat(first.select("a.log").attr("href")).isEqualTo("logs/acme__strkit-1/build.log");
        assertThat(runDir.resolve(first.select("a.log").attr("href"))).exists();
        assertThat(dom.select("#instances tr[data-id=acme__pathkit-4]").text()).contains("gold does not resolve");
        assertThat(dom.select("#instances tr[data-id=acme__pathkit-3]").text()).contains("it broke")
                .doesNotContain("second line");
        assertThat(dom.select("#repositories tbody tr")).hasSize(2);
        assertThat(dom.text()).doesNotContain("s3cret");
        for (String chart : List.of("#chart-outcomes", "#chart-repositories", "#chart-time", "#chart-cost")) {
            assertThat(dom.select(chart + " svg")).as(chart).hasSize(1);
            assertThat(dom.select(chart + " svg path, " + chart + " svg rect").size()).as(chart).isGreaterThan(3);
        }
        assertThat(dom.select("#chart-outcomes").attr("aria-label")).contains("RESOLVED_FULL 1, RESOLVED_PARTIAL 0,"
                + " RESOLVED_NO 2, PATCH_APPLY_FAILED 0, BUILD_FAILED 1");
        assertThat(dom.select("#chart-repositories").attr("aria-label")).contains("RESOLVED_NO: ");
        assertThat(dom.select("#chart-time").attr("aria-label")).startsWith("Wall-clock").contains("acme__strkit-2 30");
        assertThat(dom.select("#chart-cost").attr("aria-label")).contains("acme__strkit-1 0.5");

        HeadlessChromium filtered = HeadlessChromium.load(page, "outcome=RESOLVED_NO", tmp);
        assertThat(filtered.dom().select("#instances tbody tr").not("[hidden]")).extracting(e -> e.attr("data-id"))
                .containsExactly("acme__strkit-2", "acme__pathkit-4");
        assertThat(filtered.dom().select("#f-count").text()).isEqualTo("2 shown");
    }
}

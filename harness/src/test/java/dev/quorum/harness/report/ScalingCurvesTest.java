package dev.quorum.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.harness.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curves of a recorded {@code quorum infer} run (report.json files as solve writes them) with known candidate
 * grades (results.jsonl as the grading eval run writes it), checked against values computed by hand.
 */
class ScalingCurvesTest {
    @TempDir
    Path tmp;

    private static final double EPS = 1e-9;

    /**
     * A: three samples; t0 resolves alone (group g1), t1 and t2 share a wrong patch (g2); Quorum chose g1.
     * B: t0 changed nothing, t1 resolves; the run abstained.
     * C: two samples with one resolving patch; chosen.
     * D: one sample that was never graded: left out.
     */
    private Path recordedRun() throws Exception {
        Path runs = tmp.resolve("runs");
        solveRun(runs, "A", "t0", """
                [{"trajectory":0,"patch_bytes":100,"cost_usd":0.1},{"trajectory":1,"patch_bytes":90,"cost_usd":0.1},
                 {"trajectory":2,"patch_bytes":90,"cost_usd":0.1}]""", """
                [{"id":"g1","members":["t0"],"live":true},{"id":"g2","members":["t1","t2"],"live":true}]""",
                "[{\"groupId\":\"g1\"},{\"groupId\":\"g2\"}]", 0.35);
        solveRun(runs, "B", null, """
                [{"trajectory":0,"patch_bytes":0,"cost_usd":0.2},{"trajectory":1,"patch_bytes":50,"cost_usd":0.3}]""",
                "[{\"id\":\"g1\",\"members\":[\"t1\"],\"live\":true}]", "[{\"groupId\":\"g1\"}]", 0.5);
        solveRun(runs, "C", "t0", """
                [{"trajectory":0,"patch_bytes":70,"cost_usd":0.1},{"trajectory":1,"patch_bytes":70,"cost_usd":0.1}]""",
                "[{\"id\":\"g1\",\"members\":[\"t0\",\"t1\"],\"live\":true}]", "[{\"groupId\":\"g1\"}]", 0.3);
        solveRun(runs, "D", "t0", "[{\"trajectory\":0,\"patch_bytes\":70,\"cost_usd\":0.1}]",
                "[{\"id\":\"g1\",\"members\":[\"t0\"],\"live\":true}]", "[{\"groupId\":\"g1\"}]", 0.1);
        Path grading = Files.createDirectories(tmp.resolve("curves/" + CandidateGrades.RUN_ID));
        StringBuilder results = new StringBuilder();
        for (var grade : List.of(Map.entry("A@t0", Outcome.RESOLVED_FULL), Map.entry("A@t1", Outcome.RESOLVED_NO),
                Map.entry("B@t1", Outcome.ENV_FAILED), Map.entry("B@t1", Outcome.RESOLVED_FULL),
                Map.entry("C@t0", Outcome.RESOLVED_FULL))) {
            results.append("{\"instance_id\":\"").append(grade.getKey()).append("\",\"model\":\"candidate\","
                    + "\"outcome\":\"").append(grade.getValue()).append("\",\"tests\":{},\"seconds\":1.0}\n");
        }
        results.append("{\"instance_id\":\"D@t0\",\"outc"); // torn last line: D not graded
        Files.writeString(grading.resolve("results.jsonl"), results);
        return runs;
    }

    private static void solveRun(Path runs, String instance, String chosen, String trajectories, String groups,
                                 String scores, double totalUsd) throws Exception {
        Path dir = Files.createDirectories(runs.resolve("inf-" + instance));
        Files.writeString(dir.resolve("report.json"), "{\"run_id\":\"inf-" + instance + "\","
                + (chosen == null ? "\"abstain_reason\":\"no support\"," : "\"chosen\":\"" + chosen + "\",")
                + "\"trajectories\":" + trajectories + ",\"evidence\":{\"groups\":" + groups + ",\"scores\":" + scores
                + "},\"total\":{\"tokens\":1000,\"usd\":" + totalUsd + "}}");
    }

    private static void assertCurve(ScalingCurves.Curves curves, Function<ScalingCurves.Point, ScalingCurves.Estimate> metric,
                                    double... expected) {
        assertThat(curves.points()).hasSize(expected.length);
        for (int k = 0; k < expected.length; k++) {
            ScalingCurves.Estimate e = metric.apply(curves.points().get(k));
            assertThat(e.mean()).as("k=" + (k + 1)).isCloseTo(expected[k], within(EPS));
            assertThat(e.low()).as("interval low at k=" + (k + 1)).isLessThanOrEqualTo(e.mean() + EPS);
            assertThat(e.high()).as("interval high at k=" + (k + 1)).isGreaterThanOrEqualTo(e.mean() - EPS);
        }
    }

    @Test
    void curvesOfARecordedRunMatchHandComputedValues() throws Exception {
        Path runs = recordedRun();
        Map<String, SolveRun> solveRuns = SolveRun.readAll(runs, "inf");
        assertThat(solveRuns).containsOnlyKeys("A", "B", "C", "D");

        CandidateGrades.Assembly assembly = CandidateGrades.assemble(solveRuns, CandidateGrades.read(tmp.resolve("curves")),
                Markers.none(), false);
        assertThat(assembly.instances()).extracting(ScalingCurves.Instance::id).containsExactly("A", "B", "C");
        assertThat(assembly.excluded()).containsOnlyKeys("D");
        assertThat(assembly.excluded().get("D")).contains("t0").contains("--grade-candidates");

        ScalingCurves.Curves curves = ScalingCurves.compute(assembly.instances(), 400, 7);

        assertThat(curves.exact()).isTrue();
        assertThat(curves.instances()).isEqualTo(3);
        assertCurve(curves, ScalingCurves.Point::coverage, 11.0 / 18, 8.0 / 9, 1);
        assertCurve(curves, ScalingCurves.Point::selected, 4.0 / 9, 5.0 / 9, 2.0 / 3);
        assertCurve(curves, ScalingCurves.Point::random, 11.0 / 18, 7.0 / 9, 7.0 / 9);
        assertCurve(curves, ScalingCurves.Point::majority, 11.0 / 18, 7.0 / 9, 2.0 / 3);
        assertCurve(curves, ScalingCurves.Point::usd, 0.2, 0.35, 1.15 / 3);
        // At k = N every ordering sees every sample: no spread, and selected@N is what the runs chose.
        ScalingCurves.Point last = curves.points().getLast();
        assertThat(last.selected().low()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(last.selected().high()).isCloseTo(2.0 / 3, within(EPS));
        // Orderings matter at k = 1: the interval is wide, and the same seed gives the same interval.
        assertThat(curves.points().getFirst().coverage().high() - curves.points().getFirst().coverage().low())
                .isGreaterThan(0.2);
        assertThat(ScalingCurves.compute(assembly.instances(), 400, 7)).isEqualTo(curves);

        Markers markers = new Markers(Map.of(), Map.of("C", "A"), "");
        CandidateGrades.Assembly adjusted = CandidateGrades.assemble(solveRuns,
                CandidateGrades.read(tmp.resolve("curves")), markers, true);
        ScalingCurves.Curves adjustedCurves = ScalingCurves.compute(adjusted.instances(), 400, 7);
        assertCurve(adjustedCurves, ScalingCurves.Point::selected, 1.0 / 6, 1.0 / 3, 1.0 / 2);

        Path json = CurvesReport.write(tmp.resolve("curves"), new CurvesReport.Inputs("inf", curves, adjustedCurves,
                assembly.excluded(), markers));
        assertThat(Files.readString(json)).contains("\"selected\"").contains("curves_gold_ceiling_adjusted")
                .contains("\"D\"");
        assertThat(Files.readString(tmp.resolve("curves/curves.svg"))).startsWith("<svg");
        assertThat(Files.readString(tmp.resolve("curves/cost.svg"))).startsWith("<svg");
        HeadlessChromium page = HeadlessChromium.load(tmp.resolve("curves/curves.html"), "", tmp);
        page.assertNothingFetched();
        assertThat(page.dom().select("#chart-curves svg, #chart-cost svg")).hasSize(2);
        assertThat(page.dom().select("#points tbody tr")).hasSize(3);
        assertThat(page.dom().select("#points tbody tr").get(2).text()).contains("0.667 [0.667, 0.667]");
        assertThat(page.dom().select("#excluded").text()).contains("D");
    }

    @Test
    void manySamplesAreEstimatedFromTheSampledOrderings() {
        // Ten samples, one resolving: coverage@k = k/10 exactly; estimated from 4000 orderings.
        List<Integer> ts = java.util.stream.IntStream.range(0, 10).boxed().toList();
        Map<Integer, Boolean> resolved = new java.util.HashMap<>();
        Map<Integer, String> groups = new java.util.HashMap<>();
        ts.forEach(t -> {
            resolved.put(t, t == 3);
            groups.put(t, "g" + t);
        });
        ScalingCurves.Curves curves = ScalingCurves.compute(List.of(new ScalingCurves.Instance("X", ts, resolved,
                groups, List.of("g3"), Map.of(), 0)), 4000, 11);
        assertThat(curves.exact()).isFalse();
        for (ScalingCurves.Point p : curves.points()) {
            assertThat(p.coverage().mean()).isCloseTo(p.k() / 10.0, within(0.03));
            assertThat(p.selected().mean()).isEqualTo(p.coverage().mean()); // ranking puts the resolving group first
        }
    }
}

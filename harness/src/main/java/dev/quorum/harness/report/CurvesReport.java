package dev.quorum.harness.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quorum.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The files of {@code quorum eval curves}: {@code curves.json} (every point with its interval, the instances left
 * out and why), {@code curves.svg} (rate against k), {@code cost.svg} (rate against dollars per instance) and
 * {@code curves.html} (both, with the numbers in a table).
 */
public final class CurvesReport {
    private CurvesReport() {
    }

    /**
     * @param raw      curves over every graded instance
     * @param adjusted curves over the instances the markers leave in (gold resolves, not a duplicate), or null
     *                 when the markers exclude none
     */
    public record Inputs(String prefix, ScalingCurves.Curves raw, ScalingCurves.Curves adjusted,
                         Map<String, String> excluded, Markers markers) {
    }

    /** Writes the four files into {@code dir}; returns {@code curves.json}. */
    public static Path write(Path dir, Inputs inputs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("prefix", inputs.prefix());
        json.put("definitions", Map.of(
                "coverage", "some sample among the first k resolves",
                "selected", "the group Quorum's final ranking puts first among groups with a member in the first k"
                        + " resolves (exact at k = N; abstentions count as unresolved)",
                "random", "a uniformly drawn non-empty sample among the first k resolves (expectation)",
                "majority", "the largest group among the first k resolves (ties: the group seen first)",
                "usd", "fixed per-instance cost plus the first k trajectories' cost",
                "interval", "2.5th-97.5th percentile of the instance mean over random orderings of the samples"));
        json.put("curves", inputs.raw());
        if (inputs.adjusted() != null) {
            json.put("curves_gold_ceiling_adjusted", inputs.adjusted());
        }
        json.put("excluded", inputs.excluded());
        String svgRates = rateChart(inputs.raw());
        String svgCost = costChart(inputs.raw());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("curves.json"), Json.mapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("curves.svg"), svgRates, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("cost.svg"), svgCost, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("curves.html"), html(inputs, svgRates, svgCost), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the curves into " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve("curves.json");
    }

    private static final List<Map.Entry<String, Function<ScalingCurves.Point, ScalingCurves.Estimate>>> RATES = List.of(
            Map.entry("coverage@k", ScalingCurves.Point::coverage),
            Map.entry("selected@k", ScalingCurves.Point::selected),
            Map.entry("majority@k", ScalingCurves.Point::majority),
            Map.entry("random@k", ScalingCurves.Point::random));

    static String rateChart(ScalingCurves.Curves curves) {
        double[] k = curves.points().stream().mapToDouble(ScalingCurves.Point::k).toArray();
        List<Charts.Line> lines = new ArrayList<>();
        for (var rate : RATES) {
            double[] y = curves.points().stream().mapToDouble(p -> rate.getValue().apply(p).mean()).toArray();
            double[] err = curves.points().stream().mapToDouble(p -> halfWidth(rate.getValue().apply(p))).toArray();
            lines.add(new Charts.Line(rate.getKey(), k, y, err));
        }
        return Charts.lines("Resolved rate by samples (" + curves.instances() + " instances)", "samples k",
                "resolved rate", lines);
    }

    static String costChart(ScalingCurves.Curves curves) {
        double[] usd = curves.points().stream().mapToDouble(p -> p.usd().mean()).toArray();
        List<Charts.Line> lines = new ArrayList<>();
        for (var rate : RATES.subList(0, 2)) {
            double[] y = curves.points().stream().mapToDouble(p -> rate.getValue().apply(p).mean()).toArray();
            lines.add(new Charts.Line(rate.getKey(), usd, y, null));
        }
        return Charts.lines("Resolved rate against cost", "USD per instance (k = 1.." + curves.maxSamples() + ")",
                "resolved rate", lines);
    }

    /** Error bars are symmetric in XChart: half the interval's width (the exact bounds are in curves.json). */
    private static double halfWidth(ScalingCurves.Estimate e) {
        return (e.high() - e.low()) / 2;
    }

    private static String html(Inputs inputs, String svgRates, String svgCost) {
        ScalingCurves.Curves c = inputs.raw();
        StringBuilder b = new StringBuilder();
        b.append("<h1>Scaling curves of <code>").append(Html.esc(inputs.prefix())).append("</code></h1>");
        b.append("<p id=\"summary\" class=\"summary\">").append(c.instances()).append(" instances with every sample"
                + " graded, up to ").append(c.maxSamples()).append(" samples each; means ")
                .append(c.exact() ? "exact over all orderings" : "over " + c.orderings() + " sampled orderings")
                .append(", 95 % intervals over ").append(c.orderings()).append(" orderings (seed ").append(c.seed())
                .append(").").append(inputs.excluded().isEmpty() ? ""
                        : " " + inputs.excluded().size() + " instance(s) left out (listed below).").append("</p>");
        b.append(Html.figure("chart-curves", "coverage@k, selected@k, majority@k and random@k with 95 % intervals"
                + " over orderings (error bars: half the interval's width).", pointsText(c), svgRates));
        b.append(Html.figure("chart-cost", "Resolved rate (selected@k, coverage@k) against mean USD per instance.",
                pointsText(c), svgCost));
        b.append("<h2>Numbers</h2><table id=\"points\"><thead><tr><th class=\"num\">k</th>");
        RATES.forEach(r -> b.append("<th class=\"num\">").append(r.getKey()).append("</th>"));
        b.append("<th class=\"num\">USD</th></tr></thead><tbody>");
        for (ScalingCurves.Point p : c.points()) {
            b.append("<tr><td class=\"num\">").append(p.k()).append("</td>");
            RATES.forEach(r -> b.append("<td class=\"num\">").append(estimate(r.getValue().apply(p))).append("</td>"));
            b.append("<td class=\"num\">").append(Html.usd(p.usd().mean())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (inputs.adjusted() != null) {
            ScalingCurves.Point last = inputs.adjusted().points().getLast();
            b.append("<p id=\"adjusted\">Gold-ceiling-adjusted (").append(inputs.adjusted().instances())
                    .append(" instances): selected@").append(last.k()).append(" ").append(estimate(last.selected()))
                    .append(", coverage@").append(last.k()).append(" ").append(estimate(last.coverage()))
                    .append(".</p>");
        }
        if (!inputs.excluded().isEmpty()) {
            b.append("<h2>Left out</h2><ul id=\"excluded\">");
            inputs.excluded().forEach((id, why) -> b.append("<li><code>").append(Html.esc(id)).append("</code>: ")
                    .append(Html.esc(why)).append("</li>"));
            b.append("</ul>");
        }
        return Html.page("Quorum curves " + inputs.prefix(), b.toString(), "");
    }

    private static String pointsText(ScalingCurves.Curves c) {
        StringBuilder b = new StringBuilder();
        for (ScalingCurves.Point p : c.points()) {
            b.append("k=").append(p.k()).append(": coverage ").append(String.format(java.util.Locale.ROOT, "%.3f",
                    p.coverage().mean())).append(", selected ").append(String.format(java.util.Locale.ROOT, "%.3f",
                    p.selected().mean())).append(", USD ").append(String.format(java.util.Locale.ROOT, "%.4f",
                    p.usd().mean())).append("; ");
        }
        return b.toString().strip();
    }

    private static String estimate(ScalingCurves.Estimate e) {
        return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f]", e.mean(), e.low(), e.high());
    }
}

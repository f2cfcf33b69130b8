package dev.quorum.harness.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Charts drawn by XChart and encoded as SVG (VectorGraphics2D), to be inlined in a page: nothing is fetched when
 * the page is opened, and the charts scale without blurring.
 */
final class Charts {
    static final int WIDTH = 720;
    static final int HEIGHT = 360;

    private Charts() {
    }

    /** One line of an XY chart; {@code errors} (half-widths) may be null. */
    record Line(String name, double[] x, double[] y, double[] errors) {
    }

    /** One series of a bar chart: a value per category. */
    record Bars(String name, double[] values) {
    }

    static String lines(String title, String xLabel, String yLabel, List<Line> lines) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE).setChartBackgroundColor(java.awt.Color.WHITE)
                .setAntiAlias(true);
        for (Line line : lines) {
            if (line.errors() == null) {
                chart.addSeries(line.name(), line.x(), line.y());
            } else {
                chart.addSeries(line.name(), line.x(), line.y(), line.errors());
            }
        }
        return svg(chart);
    }

    static String bars(String title, String yLabel, List<String> categories, List<Bars> series, boolean stacked) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setStacked(stacked).setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 45 : 0);
        for (Bars bars : series) {
            List<Double> values = java.util.Arrays.stream(bars.values()).boxed().toList();
            chart.addSeries(bars.name(), categories, values);
        }
        return svg(chart);
    }

    /** The chart as an {@code <svg>} element, without the XML prolog and doctype a standalone file would have. */
    static String svg(Chart<?, ?> chart) {
        if (System.getProperty("java.awt.headless") == null) {
            // Rendering needs no display; without this a set but unreachable DISPLAY would make AWT fail.
            System.setProperty("java.awt.headless", "true");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        int start = svg.indexOf("<svg");
        return start < 0 ? svg : svg.substring(start);
    }
}

package dev.quorum.harness.report;

import java.util.Locale;

/** The small pieces every report page shares: escaping, number formats, the page frame and its style. */
final class Html {
    static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:80rem;color:#1d2329;padding:0 1rem}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dee4}
            table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d8dee4;padding:.25rem .5rem;text-align:left}
            td.num,th.num{text-align:right}.muted{color:#656d76}.summary{padding:.75rem;border-radius:6px;background:#ddf4ff}
            .RESOLVED_FULL{background:#d3f5dc}.RESOLVED_PARTIAL{background:#fff1c2}.RESOLVED_NO{background:#ffd7d5}
            .PATCH_APPLY_FAILED,.BUILD_FAILED,.TIMEOUT{background:#ffb3ad}.ENV_FAILED,.INFRA_FAILED{background:#eaeef2}
            figure{margin:1rem 0}figure svg{max-width:100%;height:auto}.filters{margin:.5rem 0}
            .filters label{margin-right:1rem}tr[hidden]{display:none}
            """;

    private Html() {
    }

    static String page(String title, String body, String script) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>" + STYLE + "</style></head><body>" + body
                + (script.isEmpty() ? "" : "<script>" + script + "</script>") + "</body></html>\n";
    }

    /**
     * A chart with its caption. The SVG draws its text as outlines, so {@code data} (the plotted numbers in words)
     * goes into the figure's accessible label: screen readers and text search see what the chart shows.
     */
    static String figure(String id, String caption, String data, String svg) {
        return "<figure id=\"" + esc(id) + "\" role=\"img\" aria-label=\"" + esc(caption + " " + data) + "\">" + svg
                + "<figcaption class=\"muted\">" + esc(caption) + "</figcaption></figure>";
    }

    /** "a 1, b 2" from parallel labels and values. */
    static String data(java.util.List<String> labels, double[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(labels.get(i)).append(' ')
                    .append(values[i] == Math.rint(values[i]) ? Long.toString((long) values[i])
                            : String.format(Locale.ROOT, "%.4g", values[i]));
        }
        return b.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * rate);
    }

    static String usd(double usd) {
        return String.format(Locale.ROOT, "$%.4f", usd);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }
}

package dev.quorum.pipeline;

import dev.quorum.agent.TrajectoryResult;
import dev.quorum.core.Redactor;
import dev.quorum.localization.RankedFile;
import dev.quorum.selection.Evidence;
import dev.quorum.selection.SelectionResult;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (no scripts, styles inline, nothing fetched) that shows the issue,
 * where localization looked, every candidate group with its diff, the test matrix in colour, the judge's
 * rationales, the decision and why, and time, tokens and dollars per stage.
 */
final class ReportHtml {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#1d2329}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dee4}
            pre{background:#f6f8fa;padding:.75rem;overflow:auto;font-size:12px}#issue{white-space:pre-wrap}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d8dee4;padding:.25rem .5rem;text-align:left}
            .PASSED{background:#d3f5dc}.FAILED,.ERROR,.FLAKY{background:#ffd7d5}.BUILD_FAILED,.APPLY_FAILED,.TIMED_OUT{background:#ffb3ad}
            .SKIPPED,.MISSING{background:#eaeef2}.decision{padding:.75rem;border-radius:6px;background:#ddf4ff}
            .abstain{background:#fff1c2}.add{color:#116329}.del{color:#82071e}.muted{color:#656d76}
            """;

    private ReportHtml() {
    }

    static String render(SolveReport report) {
        Evidence evidence = report.selection().evidence();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Quorum run ")
                .append(esc(report.request().runId())).append("</title><style>").append(STYLE)
                .append("</style></head><body>");
        html.append("<h1>Quorum run <code>").append(esc(report.request().runId())).append("</code></h1>");
        html.append("<p class=\"muted\">").append(esc(Redactor.withoutUserInfo(report.request().repo().spec())))
                .append(" at ")
                .append(esc(report.localization().commit())).append("</p>");

        boolean chosen = report.selection() instanceof SelectionResult.Chosen;
        html.append("<div id=\"decision\" class=\"decision").append(chosen ? "" : " abstain").append("\">")
                .append("<strong>").append(esc(report.decision())).append("</strong>")
                .append(report.selection() instanceof SelectionResult.Chosen c
                        ? "<p id=\"confidence\">" + esc(c.confidence().reason()) + "</p>" : "").append("</div>");

        html.append("<h2>Issue</h2><pre id=\"issue\">").append(esc(report.request().issue().fullText()))
                .append("</pre>");

        html.append("<h2>Localization</h2><table id=\"localization\"><tr><th>file</th><th>score</th><th>why</th></tr>");
        for (RankedFile f : report.localization().files().stream().limit(10).toList()) {
            html.append("<tr><td><code>").append(esc(f.path())).append("</code></td><td>")
                    .append(String.format("%.1f", f.score())).append("</td><td>")
                    .append(esc(f.why().stream().map(Object::toString).limit(3).toList().toString()))
                    .append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Tests</h2><ul id=\"tests\">");
        report.reproductions().kept().forEach(t -> html.append("<li>reproduction <code>").append(esc(t.id()))
                .append("</code>: ").append(esc(t.ids().toString())).append("</li>"));
        report.reproductions().rejected().forEach(r -> html.append("<li class=\"muted\">rejected: ")
                .append(esc(r.toString())).append("</li>"));
        html.append("<li>regression: ").append(report.regression().passing().size())
                .append(" existing tests passing on the base commit")
                .append(report.regression().problem().isEmpty() ? "" : " (" + esc(report.regression().problem()) + ")")
                .append("</li></ul>");

        html.append("<h2>Trajectories</h2><table id=\"trajectories\"><tr><th>#</th><th>outcome</th><th>steps</th>"
                + "<th>patch</th><th>cost</th></tr>");
        for (TrajectoryResult c : report.candidates()) {
            html.append("<tr><td>t").append(c.trajectory()).append("</td><td>").append(esc(c.outcome().describe()))
                    .append("</td><td>").append(c.steps()).append("</td><td>").append(c.patch().bytes().length)
                    .append(" bytes</td><td>$").append(String.format("%.4f", c.costUsd())).append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>TrajectoryResult groups</h2><div id=\"groups\">");
        for (Evidence.Group g : evidence.groups()) {
            html.append("<details class=\"group\" data-group=\"").append(esc(g.id())).append("\"><summary>")
                    .append(esc(g.id())).append(": ").append(g.members().size()).append(" member(s) ")
                    .append(esc(g.members().toString())).append(", ").append(g.changedLines())
                    .append(" changed lines").append(g.live() ? "" : " (dropped)").append("</summary>")
                    .append(diff(g.representative())).append("</details>");
        }
        html.append("</div>");
        if (!evidence.dropped().isEmpty()) {
            html.append("<ul id=\"dropped\">");
            evidence.dropped().forEach(d -> html.append("<li>").append(esc(d.candidateId())).append(": ")
                    .append(d.cell()).append(" ").append(esc(d.detail())).append("</li>"));
            html.append("</ul>");
        }

        html.append("<h2>Test matrix</h2>");
        List<Evidence.TestVerdict> tests = evidence.tests();
        html.append("<div class=\"scroll\"><table id=\"matrix\"><tr><th>group</th>");
        tests.forEach(t -> html.append("<th title=\"").append(esc(t.role() + " " + t.reason())).append("\">")
                .append(esc(shortTest(t.testId()))).append("</th>"));
        html.append("</tr><tr><td>base commit</td>");
        tests.forEach(t -> cell(html, evidence.baseline().get(t.testId())));
        html.append("</tr>");
        for (Evidence.Group g : evidence.groups()) {
            html.append("<tr data-group=\"").append(esc(g.id())).append("\"><td>").append(esc(g.id())).append("</td>");
            tests.forEach(t -> cell(html, g.row().get(t.testId())));
            html.append("</tr>");
        }
        html.append("</table></div>");
        if (!evidence.flakyTests().isEmpty()) {
            html.append("<p id=\"flaky\">Flaky (not voting): ").append(esc(evidence.flakyTests().toString()))
                    .append("</p>");
        }

        html.append("<h2>Scores</h2><p class=\"muted\">").append(esc(evidence.scoreFormula())).append("</p>")
                .append("<table id=\"scores\"><tr><th>group</th><th>total</th><th>regression safe</th>"
                        + "<th>reproduction</th><th>size</th><th>judge</th><th>small patch</th></tr>");
        for (Evidence.GroupScore s : evidence.scores()) {
            html.append("<tr><td>").append(esc(s.groupId())).append("</td><td>")
                    .append(String.format("%.3f", s.total())).append("</td><td>").append(s.regressionSafe())
                    .append("</td><td>").append(String.format("%.3f", s.reproduction())).append("</td><td>")
                    .append(String.format("%.3f", s.size())).append("</td><td>")
                    .append(String.format("%.3f", s.judge())).append("</td><td>")
                    .append(String.format("%.3f", s.smallPatch())).append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Judge</h2><div id=\"judge\">");
        if (!evidence.judgeUsed()) {
            html.append("<p>No judge model was configured: the choice rests on test voting and group size.</p>");
        }
        for (Evidence.JudgeComparison c : evidence.comparisons()) {
            html.append("<p class=\"comparison\">").append(esc(c.groupA())).append(" vs ").append(esc(c.groupB()))
                    .append(" (sample ").append(c.sample()).append(", shown first: ").append(esc(c.shownFirst()))
                    .append("): <strong>").append(esc(c.winner())).append("</strong> — ").append(esc(c.rationale()))
                    .append("</p>");
        }
        html.append("</div>");
        if (!evidence.notes().isEmpty()) {
            html.append("<ul id=\"notes\">");
            evidence.notes().forEach(n -> html.append("<li>").append(esc(n)).append("</li>"));
            html.append("</ul>");
        }

        html.append("<h2>Cost</h2><table id=\"costs\"><tr><th>stage</th><th>seconds</th><th>tokens</th><th>dollars</th></tr>");
        for (Map.Entry<String, RunDirectory.StageCost> e : report.stages().entrySet()) {
            html.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
                    .append(String.format("%.1f", e.getValue().time().toMillis() / 1000.0)).append("</td><td>")
                    .append(e.getValue().tokens()).append("</td><td>$")
                    .append(String.format("%.4f", e.getValue().usd())).append("</td></tr>");
        }
        html.append("<tr><th>total</th><td></td><td>").append(report.total().tokens()).append("</td><td>$")
                .append(String.format("%.4f", report.total().usd())).append("</td></tr></table>");
        return html.append("</body></html>\n").toString();
    }

    private static void cell(StringBuilder html, Evidence.Cell cell) {
        String name = cell == null ? "MISSING" : cell.name();
        html.append("<td class=\"").append(name).append("\">").append(name).append("</td>");
    }

    private static String shortTest(String id) {
        int dot = id.lastIndexOf('.', Math.max(0, id.indexOf('#')));
        return dot >= 0 ? id.substring(dot + 1) : id;
    }

    private static String diff(String text) {
        StringBuilder out = new StringBuilder("<pre class=\"diff\">");
        for (String line : text.split("\n", -1)) {
            String cls = line.startsWith("+") && !line.startsWith("+++") ? "add"
                    : line.startsWith("-") && !line.startsWith("---") ? "del" : null;
            if (cls != null) {
                out.append("<span class=\"").append(cls).append("\">").append(esc(line)).append("</span>\n");
            } else {
                out.append(esc(line)).append('\n');
            }
        }
        return out.append("</pre>").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}

package dev.quorum.selection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import java.util.Map;

/** Renders a {@link SelectionResult} for people (text) and programs (JSON), the same for every command. */
public final class SelectionReports {
    private static final ObjectMapper MAPPER = Json.mapper();

    private SelectionReports() {
    }

    /**
     * {@code {"decision": "CHOSEN"|"ABSTAIN", "candidate", "patch", "confidence": {"level", "reason", "margin"},
     * "reason", "evidence": {...}}}: groups, pass matrix (each group's row and the baseline), flaky tests, judge
     * rationales, each group's score and the test runners that produced the results.
     */
    public static ObjectNode toJson(SelectionResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        switch (result) {
            case SelectionResult.Chosen chosen -> {
                root.put("decision", "CHOSEN");
                root.put("candidate", chosen.candidateId());
                root.put("patch", chosen.patch().text());
                root.set("confidence", MAPPER.valueToTree(chosen.confidence()));
            }
            case SelectionResult.Abstained abstained -> {
                root.put("decision", "ABSTAIN");
                root.put("reason", abstained.reason());
            }
        }
        root.set("evidence", MAPPER.valueToTree(result.evidence()));
        return root;
    }

    /** A short summary: the decision, the matrix with one line per group, the scores and the notes. */
    public static String toText(SelectionResult result) {
        StringBuilder out = new StringBuilder();
        Evidence e = result.evidence();
        switch (result) {
            case SelectionResult.Chosen chosen -> out.append("CHOSEN ").append(chosen.candidateId())
                    .append(" (confidence: ").append(chosen.confidence().level().name().toLowerCase()).append(" — ")
                    .append(chosen.confidence().reason()).append(")\n");
            case SelectionResult.Abstained abstained -> out.append("ABSTAIN: ").append(abstained.reason()).append('\n');
        }
        out.append("\nVoter tests:\n");
        for (Evidence.TestVerdict v : e.tests()) {
            out.append(String.format("  %-12s %-8s base=%-9s w=%.2f %s  (%s)%n", v.role(), v.voter(), v.onBase(),
                    v.weight(), v.testId(), v.reason()));
        }
        e.voters().stream().filter(v -> !v.used())
                .forEach(v -> out.append("  dropped voter ").append(v.id()).append(": ").append(v.reason()).append('\n'));
        out.append("\nGroups:\n");
        for (Evidence.Group g : e.groups()) {
            out.append(String.format("  %s %s members=%s%n", g.id(), g.live() ? "live   " : "dropped", g.members()));
            for (Map.Entry<String, Evidence.Cell> c : g.row().entrySet()) {
                out.append(String.format("      %-12s %s%n", c.getValue(), c.getKey()));
            }
        }
        for (Evidence.DroppedCandidate d : e.dropped()) {
            String detail = d.detail().lines().findFirst().orElse("");
            out.append("  dropped candidate ").append(d.candidateId()).append(" (").append(d.cell()).append("): ")
                    .append(detail).append('\n');
        }
        if (!e.flakyTests().isEmpty()) {
            out.append("\nFlaky on the base commit (not voting): ").append(e.flakyTests()).append('\n');
        }
        out.append("\nScores (").append(e.judgeUsed() ? "with judge" : "no judge").append("):\n");
        for (Evidence.GroupScore s : e.scores()) {
            out.append(String.format("  %s total=%.3f votes=%.3f size=%.3f outcome=%.3f judge=%.3f small=%.3f%s%n",
                    s.groupId(), s.total(), s.reproduction(), s.size(), s.outcome(), s.judge(), s.smallPatch(),
                    s.regressionSafe() ? "" : " breaks " + s.brokenRegressions()));
        }
        for (Evidence.JudgeComparison c : e.comparisons()) {
            out.append(String.format("  judge %s vs %s (sample %d, %s first): %s — %s%n", c.groupA(), c.groupB(),
                    c.sample(), c.shownFirst(), c.winner() == null ? "unreadable" : c.winner(), c.rationale()));
        }
        e.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
        if (!e.runners().isEmpty()) {
            out.append("tests ran with: ").append(String.join(", ", e.runners())).append('\n');
        }
        if (result instanceof SelectionResult.Chosen chosen) {
            out.append("\n").append(chosen.patch().text());
        }
        return out.toString();
    }
}

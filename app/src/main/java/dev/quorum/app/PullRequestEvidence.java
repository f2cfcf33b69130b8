package dev.quorum.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Json;
import dev.quorum.app.github.ReviewerEvidence;
import dev.quorum.selection.Evidence;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Group;
import dev.quorum.selection.Evidence.Role;
import dev.quorum.selection.Evidence.TestVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test evidence a reviewer of Quorum's pull request checks first, from what selection recorded and the base
 * failures testgen recorded in the run directory ({@code testgen.json}): each reproduction test's outcome before
 * and after the patch, the regression summary, the vote tally over the candidates and the judge's rationale for
 * the chosen group.
 */
final class PullRequestEvidence {
    private static final int LISTED = 5;

    private PullRequestEvidence() {
    }

    /** @param chosenCandidate the chosen candidate's id, or null when selection abstained */
    static ReviewerEvidence add(ReviewerEvidence summary, Evidence e, String chosenCandidate,
                                              Path runDir) {
        Optional<Group> chosen = chosenCandidate == null ? Optional.empty() : e.groups().stream()
                .filter(g -> g.members().contains(chosenCandidate) || g.representative().equals(chosenCandidate))
                .findFirst();
        return summary.withTestEvidence(reproduction(e, chosen, baseFailures(runDir)), regression(e, chosen),
                votes(e, chosen), rationale(e, chosen));
    }

    static List<String> reproduction(Evidence e, Optional<Group> chosen, Map<String, String> baseFailures) {
        List<String> lines = new ArrayList<>();
        for (TestVerdict t : e.tests()) {
            if (t.role() != Role.REPRODUCTION) {
                continue;
            }
            String before = t.onBase() + (baseFailures.containsKey(t.testId())
                    ? " (" + baseFailures.get(t.testId()) + ")" : "");
            String after = chosen.map(g -> "after: " + g.row().getOrDefault(t.testId(), Cell.MISSING))
                    .orElseGet(() -> "passes with: " + passingGroups(e, t.testId()));
            lines.add("`" + t.testId() + "` (" + t.voter() + "): before: " + before + " → " + after);
        }
        return lines;
    }

    private static String passingGroups(Evidence e, String testId) {
        List<String> groups = e.groups().stream().filter(g -> g.row().getOrDefault(testId, Cell.MISSING).passed())
                .map(Group::id).toList();
        return groups.isEmpty() ? "no candidate" : String.join(", ", groups);
    }

    static String regression(Evidence e, Optional<Group> chosen) {
        List<String> guards = e.tests().stream().filter(t -> t.role() == Role.REGRESSION).map(TestVerdict::testId)
                .toList();
        if (guards.isEmpty()) {
            return "No existing test of the repository was run against the candidates.";
        }
        if (chosen.isEmpty()) {
            return guards.size() + " existing tests pass on the base commit.";
        }
        List<String> failing = guards.stream().filter(t -> chosen.get().row().containsKey(t)
                && !chosen.get().row().get(t).passed()).toList();
        long passing = guards.stream().filter(t -> chosen.get().row().getOrDefault(t, Cell.MISSING).passed()).count();
        StringBuilder b = new StringBuilder().append(guards.size()).append(" existing tests pass on the base commit;"
                + " with this patch ").append(passing).append(" pass");
        if (!failing.isEmpty()) {
            b.append(", ").append(failing.size()).append(" fail: ").append(String.join(", ",
                    failing.subList(0, Math.min(LISTED, failing.size()))));
        }
        long notRun = guards.size() - passing - failing.size();
        if (notRun > 0) {
            b.append(", ").append(notRun).append(" did not run");
        }
        return b.append('.').toString();
    }

    static String votes(Evidence e, Optional<Group> chosen) {
        int candidates = e.groups().stream().mapToInt(g -> g.members().size()).sum();
        StringBuilder b = new StringBuilder().append(candidates).append(" candidate patch(es) in ")
                .append(e.groups().size()).append(" group(s) of equal patches:");
        for (Group g : e.groups()) {
            b.append("\n- ").append(g.id()).append(": ").append(g.members().size()).append(" vote(s) ")
                    .append(g.members()).append(g.live() ? "" : " (dropped)")
                    .append(chosen.isPresent() && chosen.get().id().equals(g.id()) ? " ← chosen" : "");
        }
        e.dropped().forEach(d -> b.append("\n- ").append(d.candidateId()).append(": dropped, ").append(d.cell()));
        return b.toString();
    }

    /** The judge's last word on a comparison the chosen group won, naming the pair. */
    static String rationale(Evidence e, Optional<Group> chosen) {
        if (chosen.isEmpty()) {
            return "";
        }
        String id = chosen.get().id();
        return e.comparisons().stream().filter(c -> id.equals(c.winner()))
                .reduce((first, second) -> second)
                .map(c -> id + " over " + (id.equals(c.groupA()) ? c.groupB() : c.groupA()) + ": " + c.rationale())
                .orElse("");
    }

    /** Test id → "ExceptionType: first line", from {@code testgen.json}; empty when it is not there. */
    static Map<String, String> baseFailures(Path runDir) {
        Map<String, String> failures = new LinkedHashMap<>();
        Path file = runDir == null ? null : runDir.resolve("testgen.json");
        if (file == null || !Files.isRegularFile(file)) {
            return failures;
        }
        try {
            for (JsonNode test : Json.mapper().readTree(file.toFile()).path("reproductions").path("kept")) {
                test.path("failureOnBase").properties().forEach(f -> failures.put(f.getKey(),
                        simpleName(f.getValue().path("exceptionType").asText("")) + ": "
                                + f.getValue().path("message").asText("")));
            }
        } catch (IOException e) {
            return failures; // the reproduction lines still show the statuses from selection
        }
        return failures;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}

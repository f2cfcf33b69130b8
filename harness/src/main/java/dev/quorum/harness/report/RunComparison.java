package dev.quorum.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Json;
import dev.quorum.core.TestStatus;
import dev.quorum.harness.InstanceResult;
import dev.quorum.harness.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code quorum eval compare A B}: which instances flipped between two evaluation runs (resolved in one, not in the
 * other), why (the outcomes and the tests whose status changed), other outcome changes, instances only one run
 * graded, and a Markdown summary a reviewer can paste.
 *
 * @param fixed    not resolved in A, resolved in B
 * @param broken   resolved in A, not resolved in B
 * @param changed  both unresolved (or both resolved) but with another outcome (e.g. RESOLVED_NO → BUILD_FAILED)
 * @param onlyInA  graded in A only
 * @param onlyInB  graded in B only
 */
public record RunComparison(String nameA, String nameB, Map<String, InstanceResult> a, Map<String, InstanceResult> b,
                            List<Flip> fixed, List<Flip> broken, List<Flip> changed, List<String> onlyInA,
                            List<String> onlyInB) {

    /** One instance whose outcome differs, with the tests whose status changed ("id: FAILED → PASSED"). */
    public record Flip(String instanceId, Outcome before, Outcome after, List<String> testChanges) {
        public Flip {
            testChanges = List.copyOf(testChanges);
        }

        public String reason() {
            String tests = testChanges.isEmpty() ? "no test changed status"
                    : String.join("; ", testChanges.subList(0, Math.min(5, testChanges.size())))
                    + (testChanges.size() > 5 ? "; and " + (testChanges.size() - 5) + " more" : "");
            return before + " → " + after + ": " + tests;
        }
    }

    /**
     * Reads one run's results: a run directory (its {@code results.jsonl}), a {@code results.jsonl}, or a
     * {@code report.json}.
     */
    public static Map<String, InstanceResult> read(Path source) {
        Path file = Files.isDirectory(source) ? source.resolve("results.jsonl") : source;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no evaluation results at " + source + " (give a run directory, its"
                    + " results.jsonl, or its report.json)");
        }
        Map<String, InstanceResult> results = new TreeMap<>();
        try {
            if (file.getFileName().toString().endsWith(".jsonl")) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        InstanceResult r = parse(line, file);
                        if (r != null) {
                            results.put(r.instanceId(), r);
                        }
                    }
                }
            } else {
                JsonNode report = Json.mapper().readTree(file.toFile());
                if (!report.has("instances")) {
                    throw new IllegalArgumentException(file + " is not an eval report.json (no \"instances\")");
                }
                for (JsonNode n : report.get("instances")) {
                    InstanceResult r = Json.mapper().treeToValue(n, InstanceResult.class);
                    results.put(r.instanceId(), r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return results;
    }

    private static InstanceResult parse(String line, Path file) {
        try {
            return Json.mapper().readValue(line, InstanceResult.class);
        } catch (IOException e) {
            return null; // a torn last line: the instance was not graded yet
        }
    }

    public static RunComparison compare(String nameA, Map<String, InstanceResult> a, String nameB,
                                        Map<String, InstanceResult> b) {
        List<Flip> fixed = new ArrayList<>();
        List<Flip> broken = new ArrayList<>();
        List<Flip> changed = new ArrayList<>();
        for (String id : new TreeSet<>(a.keySet())) {
            InstanceResult before = a.get(id);
            InstanceResult after = b.get(id);
            if (after == null || before.outcome() == after.outcome() && before.tests().equals(after.tests())) {
                continue;
            }
            Flip flip = new Flip(id, before.outcome(), after.outcome(), testChanges(before, after));
            if (!before.outcome().resolved() && after.outcome().resolved()) {
                fixed.add(flip);
            } else if (before.outcome().resolved() && !after.outcome().resolved()) {
                broken.add(flip);
            } else if (before.outcome() != after.outcome()) {
                changed.add(flip);
            }
        }
        List<String> onlyA = a.keySet().stream().filter(id -> !b.containsKey(id)).sorted().toList();
        List<String> onlyB = b.keySet().stream().filter(id -> !a.containsKey(id)).sorted().toList();
        return new RunComparison(nameA, nameB, a, b, fixed, broken, changed, onlyA, onlyB);
    }

    private static List<String> testChanges(InstanceResult before, InstanceResult after) {
        List<String> changes = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(before.tests().keySet());
        ids.addAll(after.tests().keySet());
        for (String test : ids) {
            TestStatus x = before.tests().get(test);
            TestStatus y = after.tests().get(test);
            if (x != y) {
                changes.add(test + ": " + (x == null ? "not run" : x) + " → " + (y == null ? "not run" : y));
            }
        }
        return changes;
    }

    /** Every instance that flipped between resolved and not, in id order. */
    public List<String> flipped() {
        return java.util.stream.Stream.concat(fixed.stream(), broken.stream()).map(Flip::instanceId).sorted().toList();
    }

    /** The summary to paste into a pull request or an issue. */
    public String markdown(Markers markers) {
        StringBuilder md = new StringBuilder();
        md.append("### Evaluation: `").append(nameA).append("` → `").append(nameB).append("`\n\n");
        List<String> common = a.keySet().stream().filter(b::containsKey).sorted().toList();
        Markers.Rates ra = markers.rates(common, common.stream().filter(id -> a.get(id).outcome().resolved()).toList());
        Markers.Rates rb = markers.rates(common, common.stream().filter(id -> b.get(id).outcome().resolved()).toList());
        md.append("| | `").append(nameA).append("` | `").append(nameB).append("` |\n|---|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| resolved (%d instances in both) | %d (%.1f %%) | %d (%.1f %%) |%n",
                common.size(), ra.resolved(), 100 * ra.raw(), rb.resolved(), 100 * rb.raw()));
        if (ra.eligible() != common.size()) {
            md.append(String.format(Locale.ROOT, "| gold-ceiling-adjusted (%d instances) | %d (%.1f %%) | %d (%.1f %%) |%n",
                    ra.eligible(), ra.resolvedEligible(), 100 * ra.adjusted(), rb.resolvedEligible(),
                    100 * rb.adjusted()));
        }
        md.append(String.format(Locale.ROOT, "%n**%+d** net: %d fixed, %d broken, %d other outcome change(s).%n",
                fixed.size() - broken.size(), fixed.size(), broken.size(), changed.size()));
        section(md, "Fixed (resolved only in `" + nameB + "`)", fixed);
        section(md, "Broken (resolved only in `" + nameA + "`)", broken);
        section(md, "Other outcome changes", changed);
        if (!onlyInA.isEmpty()) {
            md.append("\nOnly in `").append(nameA).append("`: ").append(String.join(", ", onlyInA)).append('\n');
        }
        if (!onlyInB.isEmpty()) {
            md.append("\nOnly in `").append(nameB).append("`: ").append(String.join(", ", onlyInB)).append('\n');
        }
        return md.toString();
    }

    private static void section(StringBuilder md, String title, List<Flip> flips) {
        if (flips.isEmpty()) {
            return;
        }
        md.append("\n#### ").append(title).append("\n\n| instance | why |\n|---|---|\n");
        for (Flip f : flips) {
            md.append("| `").append(f.instanceId()).append("` | ").append(f.reason().replace("|", "\\|")).append(" |\n");
        }
    }
}

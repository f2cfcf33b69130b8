package dev.quorum.pipeline;

import dev.quorum.core.BuildHints;
import dev.quorum.core.RepoPaths;
import dev.quorum.core.TestId;
import dev.quorum.localization.Localization;
import dev.quorum.localization.RankedFile;
import dev.quorum.repair.RepairCandidate;
import dev.quorum.repair.RepairEngine;
import dev.quorum.repair.RepairRequest;
import dev.quorum.repair.RepairResult;
import dev.quorum.selection.Candidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The repair engine as a candidate source of the solve pipeline: its request, candidates, voters and report. */
final class RepairSource {

    private RepairSource() {
    }

    static RepairResult run(RepairEngine engine, Path checkout, CandidateSources sources, Localization localization,
                            String issueText, BuildHints build, String image) {
        List<TestId> suspects = suspectTests(checkout, localization);
        if (!sources.hasFailingTest() && suspects.isEmpty()) {
            return new RepairResult.NoneFound("no failing test: none was given and the localized classes have no"
                    + " test classes to search; give --failing-test ID (repeatable) or --test-patch FILE, or configure"
                    + " a model (QUORUM_MODEL)", RepairResult.Attempts.none(List.of()));
        }
        RepairRequest request = new RepairRequest(checkout, sources.failingTests(), sources.testPatch(), suspects,
                issueText, build, image, sources.repairBudget());
        if (!sources.llm()) {
            return engine.repair(request);
        }
        try {
            return engine.repair(request);
        } catch (RuntimeException e) {
            // Beside trajectories the repair engine is an extra source: its failure leaves the pool to them.
            return new RepairResult.NoneFound("the repair engine failed: " + e.getMessage(), RepairResult.Attempts.none(
                    request.failingTests()));
        }
    }

    /** The existing test classes of the top localized files ({@code FooTest} beside {@code Foo}). */
    static List<TestId> suspectTests(Path checkout, Localization localization) {
        List<TestId> tests = new ArrayList<>();
        for (RankedFile file : localization.files().stream().filter(f -> !f.test()).limit(5).toList()) {
            RepoPaths.conventionalTestSources(file.path()).stream()
                    .filter(test -> Files.isRegularFile(checkout.resolve(test)))
                    .flatMap(test -> RepoPaths.testClassOf(test).stream())
                    .forEach(tests::add);
        }
        return tests;
    }

    static List<Candidate> candidates(RepairResult result) {
        List<Candidate> out = new ArrayList<>();
        if (result instanceof RepairResult.Plausible plausible) {
            int n = 1;
            for (RepairCandidate c : plausible.candidates()) {
                RepairCandidate.Provenance p = c.provenance();
                out.add(new Candidate(CandidateSources.REPAIR_PREFIX + n++, c.patch(), Map.of("engine", "repair", "template", p.template(),
                        "location", p.file() + ":" + p.line(), "suspiciousness", String.format("%.3f",
                                p.suspiciousness()), "change", p.change())));
            }
        }
        return out;
    }

    static Map<String, Object> toJson(RepairResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (result) {
            case RepairResult.Plausible p -> {
                json.put("outcome", "plausible");
                json.put("candidates", p.candidates().stream().map(c -> c.provenance()).toList());
            }
            case RepairResult.NoneFound n -> {
                json.put("outcome", "none found");
                json.put("reason", n.reason());
            }
        }
        RepairResult.Attempts a = result.attempts();
        Map<String, Object> attempts = new LinkedHashMap<>();
        attempts.put("failing_tests", a.failingTests().stream().map(TestId::toString).toList());
        attempts.put("ranked", a.ranked());
        attempts.put("candidates", a.candidates());
        attempts.put("by_template", a.byTemplate());
        attempts.put("not_compiled", a.notCompiled());
        attempts.put("still_failing", a.stillFailing());
        attempts.put("regressions", a.regressions());
        attempts.put("seconds", a.took().toMillis() / 1000.0);
        json.put("attempts", attempts);
        json.put("tried", a.describe());
        return json;
    }

    /** Why nothing was chosen when the repair engine was the only source and found nothing. */
    static String abstainReason(RepairResult.NoneFound none) {
        return "the repair engine found no plausible patch: " + none.reason() + ". Tried: "
                + none.attempts().describe();
    }
}

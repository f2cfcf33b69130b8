package dev.quorum.pipeline;

import dev.quorum.agent.TrajectoryResult;
import dev.quorum.core.Redactor;
import dev.quorum.localization.Localization;
import dev.quorum.model.Spend;
import dev.quorum.selection.SelectionResult;
import dev.quorum.testgen.RegressionBaseline;
import dev.quorum.testgen.Reproductions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a solve run found, as the report shows it; {@code repair} is null when that engine did not run. */
record SolveReport(SolveRequest request, Localization localization, Reproductions reproductions,
                   RegressionBaseline regression, List<TrajectoryResult> candidates, SelectionResult selection,
                   Map<String, RunDirectory.StageCost> stages, Spend total, dev.quorum.repair.RepairResult repair) {

    /** A report of a run without the repair engine. */
    SolveReport(SolveRequest request, Localization localization, Reproductions reproductions,
                RegressionBaseline regression, List<TrajectoryResult> candidates, SelectionResult selection,
                Map<String, RunDirectory.StageCost> stages, Spend total) {
        this(request, localization, reproductions, regression, candidates, selection, stages, total, null);
    }

    SolveResult result(Path runDir) {
        return switch (selection) {
            case SelectionResult.Chosen c -> new SolveResult.Fixed(c.candidateId(), c.patch(), c.evidence(), runDir,
                    total.usd());
            case SelectionResult.Abstained a -> new SolveResult.Abstained(a.reason(), a.evidence(), runDir,
                    total.usd());
        };
    }

    /** The decision in one sentence. */
    String decision() {
        return switch (selection) {
            case SelectionResult.Chosen c -> "chose candidate " + c.candidateId() + " made by the "
                    + CandidateSources.engineOf(c.candidateId()) + " engine (confidence: "
                    + c.confidence().level().name().toLowerCase() + ")";
            case SelectionResult.Abstained a -> "ABSTAIN: " + a.reason();
        };
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", request.runId());
        json.put("repo", Redactor.withoutUserInfo(request.repo().spec()));
        json.put("commit", localization.commit());
        json.put("decision", decision());
        if (selection instanceof SelectionResult.Chosen c) {
            json.put("chosen", c.candidateId());
            json.put("engine", CandidateSources.engineOf(c.candidateId()));
            json.put("confidence", c.confidence());
            json.put("patch", c.patch().text());
        } else if (selection instanceof SelectionResult.Abstained a) {
            json.put("abstain_reason", a.reason());
        }
        json.put("localization", localization.files().stream().limit(10)
                .map(f -> Map.of("path", f.path(), "score", f.score())).toList());
        json.put("reproduction_tests", Map.of("kept", reproductions.kept().stream().map(t -> t.id()).toList(),
                "rejected", reproductions.rejected(), "module", reproductions.module(),
                "framework", reproductions.framework()));
        json.put("regression_tests", Map.of("classes", regression.classes().stream().map(Object::toString).toList(),
                "passing_on_base", regression.passing().size(), "problem", regression.problem()));
        List<Map<String, Object>> trajectories = new ArrayList<>();
        for (TrajectoryResult c : candidates) {
            trajectories.add(Map.of("trajectory", c.trajectory(), "outcome", c.outcome().describe(),
                    "steps", c.steps(), "patch_bytes", c.patch().bytes().length, "cost_usd", c.costUsd(),
                    "resumed", c.resumed()));
        }
        json.put("trajectories", trajectories);
        if (repair != null) {
            json.put("repair", RepairSource.toJson(repair));
        }
        json.put("evidence", selection.evidence());
        Map<String, Object> costs = new LinkedHashMap<>();
        stages.forEach((name, cost) -> costs.put(name, Map.of("seconds", cost.time().toMillis() / 1000.0,
                "tokens", cost.tokens(), "usd", cost.usd())));
        json.put("stages", costs);
        json.put("total", Map.of("tokens", total.tokens(), "usd", total.usd()));
        return json;
    }
}

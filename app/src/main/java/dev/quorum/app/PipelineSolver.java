package dev.quorum.app;

import dev.quorum.pipeline.Solve;
import dev.quorum.pipeline.SolveRequest;
import dev.quorum.pipeline.SolveResult;
import dev.quorum.app.github.ReviewerEvidence;
import dev.quorum.app.github.IssueSolver;
import dev.quorum.app.github.IssueText;
import dev.quorum.app.github.IssueOutcome;
import dev.quorum.core.Issue;
import dev.quorum.core.RepoRef;
import dev.quorum.selection.Evidence;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Group;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Puts the solve pipeline behind the GitHub App's {@link IssueSolver} seam, and its evidence into PR terms. */
public final class PipelineSolver implements IssueSolver {
    private final Solve solve;
    private final int samples;

    public PipelineSolver(Solve solve, int samples) {
        this.solve = solve;
        this.samples = samples;
    }

    @Override
    public IssueOutcome solve(Path checkout, String baseCommit, IssueText issue, Path runDir) {
        SolveRequest request = new SolveRequest(new RepoRef(checkout.toString()), baseCommit,
                new Issue(issue.title(), issue.body(), ""), samples, null, runDir.getParent(),
                runDir.getFileName().toString(), null);
        SolveResult result;
        try {
            result = solve.solve(request);
        } catch (RuntimeException e) {
            return new IssueOutcome.Failed(String.valueOf(e.getMessage()));
        }
        return switch (result) {
            case SolveResult.Fixed f -> new IssueOutcome.Fixed(f.patch(), PullRequestEvidence.add(
                    evidence(f.evidence(), f.costUsd()), f.evidence(), f.candidateId(), f.runDir()));
            case SolveResult.Abstained a -> new IssueOutcome.Abstained(a.reason(), PullRequestEvidence.add(
                    evidence(a.evidence(), a.costUsd()), a.evidence(), null, a.runDir()));
        };
    }

    static ReviewerEvidence evidence(Evidence e, double costUsd) {
        List<String> candidates = new ArrayList<>();
        for (Group g : e.groups()) {
            long passed = g.row().values().stream().filter(Cell::passed).count();
            candidates.add(g.id() + ": " + g.members().size() + " trajectory(ies) " + g.members() + ", "
                    + g.changedLines() + " changed lines, passes " + passed + "/" + g.row().size() + " tests"
                    + (g.live() ? "" : " (dropped)"));
        }
        String matrix = e.tests().size() + " voting tests (" + e.flakyTests().size() + " flaky, not voting); "
                + e.dropped().size() + " candidate(s) dropped for not applying or not compiling";
        String rationale = e.comparisons().isEmpty()
                ? (e.judgeUsed() ? "" : "no judge model: chosen by test voting and group size")
                : e.comparisons().getLast().rationale();
        // Selection's own verdict on its choice (level, reason, margin), not a number recomputed from the scores.
        Evidence.Confidence confidence = e.confidence();
        return new ReviewerEvidence(candidates, matrix, rationale, confidence.margin(), costUsd).withConfidenceLevel(
                confidence.level().name().toLowerCase(Locale.ROOT) + " — " + confidence.reason());
    }
}

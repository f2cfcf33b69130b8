package dev.quorum.app.github;

import dev.quorum.sandbox.PatchApplication;
import java.util.List;
import java.util.Locale;

/** The Markdown Quorum posts on GitHub: the pull request body and the comments on the issue. */
final class Reports {
    private Reports() {
    }

    static String started(String runId) {
        return "Quorum is working on this issue (run `" + runId + "`). It will open a pull request with its "
                + "evidence, or comment here with its findings if no candidate is good enough.";
    }

    static String pullRequestTitle(IssueText issue) {
        String title = issue.title().isBlank() ? "issue #" + issue.number() : issue.title();
        return "Quorum: " + (title.length() > 200 ? title.substring(0, 200) + "…" : title);
    }

    static String pullRequestBody(IssueText issue, ReviewerEvidence evidence, String runId) {
        return pullRequestBody(issue, evidence, runId, List.of(), null, PatchApplication.Strategy.GIT_APPLY);
    }

    /**
     * @param protectedFiles CI, build or wrapper files the fix changes (pushed because the server allows it)
     * @param busyBranch     the usual branch, when others' commits there made Quorum push elsewhere; else null
     * @param applied        how the patch applied to the base commit
     */
    static String pullRequestBody(IssueText issue, ReviewerEvidence evidence, String runId, List<String> protectedFiles,
                                  String busyBranch, PatchApplication.Strategy applied) {
        StringBuilder b = new StringBuilder();
        if (applied.inexact()) {
            b.append("> [!CAUTION]\n> The patch applied to the base commit only with `").append(applied.label())
                    .append("`: its context did not match exactly, so the lines were placed by a merge or by fuzz. "
                            + "Check where each change landed.\n\n");
        }
        if (!protectedFiles.isEmpty()) {
            b.append("> [!WARNING]\n> This fix changes files that control builds or CI: ").append(code(protectedFiles))
                    .append(". Code in them runs on your CI with its secrets; review them before anything else.\n\n");
        }
        if (busyBranch != null) {
            b.append("> [!NOTE]\n> `").append(busyBranch).append("` has commits by others, so Quorum left it as it is "
                    + "and proposes this fix from a new branch.\n\n");
        }
        b.append("Proposed fix for #").append(issue.number()).append(", chosen by Quorum from several candidate "
                + "patches by running tests and a model judge. Review it as you would any contribution.\n\n");
        b.append("| confidence | cost | run | applied with |\n|---|---|---|---|\n| ")
                .append(evidence.confidenceText().replace("|", "/")).append(" | ")
                .append(usd(evidence.costUsd())).append(" | `").append(runId).append("` | `").append(applied.label())
                .append("` |\n\n");
        appendEvidence(b, evidence);
        b.append("\n<sub>Opened by Quorum. The branch holds one commit; push to it or close this pull request "
                + "freely.</sub>\n");
        return b.toString();
    }

    static String pullRequestOpened(GitHubApi.PullRequest pr, ReviewerEvidence evidence) {
        return "Quorum opened #" + pr.number() + " (" + pr.htmlUrl() + ") with confidence "
                + evidence.confidenceText() + " for " + usd(evidence.costUsd())
                + ". The evidence is in its description.";
    }

    static String abstained(String reason, ReviewerEvidence evidence, String runId) {
        StringBuilder b = new StringBuilder();
        b.append("Quorum looked into this issue (run `").append(runId).append("`) and is **not proposing a "
                + "patch**: ").append(reason).append("\n\n");
        b.append("Cost: ").append(usd(evidence.costUsd())).append(". What it found:\n\n");
        appendEvidence(b, evidence);
        return b.toString();
    }

    static String protectedFilesRefused(List<String> protectedFiles, ReviewerEvidence evidence, String runId) {
        StringBuilder b = new StringBuilder();
        b.append("Quorum found a fix (run `").append(runId).append("`) but **did not push it**: it changes files that "
                + "control builds or CI (").append(code(protectedFiles)).append("), whose code would run with the "
                + "repository's CI secrets. This server does not push such changes unless its operator sets "
                + "`serve.allow-protected-changes: true`.\n\n");
        b.append("Cost: ").append(usd(evidence.costUsd())).append(". What it found:\n\n");
        appendEvidence(b, evidence);
        return b.toString();
    }

    static String skipped(String reason, String runId) {
        return "Quorum did not start run `" + runId + "`: " + reason + ", so a fix is already on its way. Close that "
                + "pull request and label the issue again if you want Quorum's attempt too.";
    }

    static String failed(String reason, String runId) {
        return "Quorum could not finish run `" + runId + "`: " + reason
                + "\n\nNothing was pushed. Label the issue again or comment `/quorum fix` to retry.";
    }

    private static void appendEvidence(StringBuilder b, ReviewerEvidence evidence) {
        appendTestEvidence(b, evidence);
        b.append("### Candidates considered\n\n");
        if (evidence.candidates().isEmpty()) {
            b.append("_none recorded_\n");
        }
        for (String candidate : evidence.candidates()) {
            b.append("- ").append(candidate).append('\n');
        }
        b.append("\n### Test matrix\n\n");
        b.append(evidence.testMatrix().isBlank() ? "_none recorded_\n"
                : "```text\n" + evidence.testMatrix().strip() + "\n```\n");
        b.append("\n### Judge's rationale\n\n");
        b.append(evidence.judgeRationale().isBlank() ? "_none recorded_\n"
                : "> " + evidence.judgeRationale().strip().replace("\n", "\n> ") + "\n");
    }

    private static String code(List<String> paths) {
        return String.join(", ", paths.stream().map(p -> "`" + p.replace("`", "") + "`").toList());
    }

    /** The reproduction tests before and after, the regression summary and the votes: what a reviewer checks first. */
    private static void appendTestEvidence(StringBuilder b, ReviewerEvidence evidence) {
        if (!evidence.reproduction().isEmpty()) {
            b.append("### Reproduction tests: fail before, pass after\n\n");
            evidence.reproduction().forEach(line -> b.append("- ").append(line).append('\n'));
            b.append('\n');
        }
        if (!evidence.regression().isBlank()) {
            b.append("### Regression tests\n\n").append(evidence.regression().strip()).append("\n\n");
        }
        if (!evidence.votes().isBlank()) {
            b.append("### Votes\n\n").append(evidence.votes().strip()).append("\n\n");
        }
    }

    private static String usd(double amount) {
        return String.format(Locale.ROOT, "$%.2f", amount);
    }
}

package dev.quorum.core;

import java.util.List;
import java.util.Objects;

/**
 * One evaluation instance in SWE-bench's field layout, with Java test ids.
 *
 * @param patch the reference fix; may be empty at inference time
 */
public record Task(
        String instanceId,
        RepoRef repo,
        String baseCommit,
        String problemStatement,
        String hintsText,
        Patch patch,
        Patch testPatch,
        List<TestId> failToPass,
        List<TestId> passToPass,
        BuildHints build) {

    public Task {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(baseCommit, "baseCommit");
        problemStatement = problemStatement == null ? "" : problemStatement;
        hintsText = hintsText == null ? "" : hintsText;
        patch = patch == null ? Patch.empty() : patch;
        testPatch = testPatch == null ? Patch.empty() : testPatch;
        failToPass = failToPass == null ? List.of() : List.copyOf(failToPass);
        passToPass = passToPass == null ? List.of() : List.copyOf(passToPass);
        build = build == null ? BuildHints.none() : build;
    }

    public Issue issue() {
        return new Issue("", problemStatement, hintsText);
    }

    /** FAIL_TO_PASS then PASS_TO_PASS, without duplicates. */
    public List<TestId> testsToRun() {
        return java.util.stream.Stream.concat(failToPass.stream(), passToPass.stream()).distinct().toList();
    }
}

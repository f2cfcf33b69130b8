package dev.quorum.app.github;

import dev.quorum.core.Patch;
import java.util.Objects;

/** What a solve run ended with: the closed set of outcomes the server knows how to report on GitHub. */
public sealed interface IssueOutcome {

    /** A patch worth proposing: the server pushes it on {@code quorum/issue-<n>} and opens a pull request. */
    record Fixed(Patch patch, ReviewerEvidence evidence) implements IssueOutcome {
        public Fixed {
            Objects.requireNonNull(patch, "patch");
            Objects.requireNonNull(evidence, "evidence");
            if (patch.isEmpty()) {
                throw new IllegalArgumentException("a Fixed outcome needs a non-empty patch");
            }
        }
    }

    /** No candidate was good enough: the server comments the findings on the issue and opens no pull request. */
    record Abstained(String reason, ReviewerEvidence evidence) implements IssueOutcome {
        public Abstained {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    /** The run could not finish (environment, budget, crash): reported as a failure, not as an abstention. */
    record Failed(String reason) implements IssueOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

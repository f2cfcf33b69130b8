package dev.quorum.selection;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Issue;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to choose among.
 *
 * @param repoCheckout a working tree at the base commit, on the host; copied into every sandbox
 * @param tests        voter tests; they are validated on the base commit first
 */
public record SelectionRequest(Path repoCheckout, Issue issue, List<Candidate> candidates, List<VoterTest> tests,
                               BuildHints build, SelectionOptions options) {
    public SelectionRequest {
        Objects.requireNonNull(repoCheckout, "repoCheckout");
        issue = issue == null ? new Issue("", "", "") : issue;
        candidates = List.copyOf(candidates);
        tests = tests == null ? List.of() : List.copyOf(tests);
        build = build == null ? BuildHints.none() : build;
        options = options == null ? SelectionOptions.defaults() : options;
        Set<String> ids = new HashSet<>();
        for (Candidate c : candidates) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("two candidates have the id '" + c.id() + "'");
            }
        }
        Set<String> voterIds = new HashSet<>();
        for (VoterTest t : tests) {
            if (!voterIds.add(t.id())) {
                throw new IllegalArgumentException("two voter tests have the id '" + t.id() + "'");
            }
        }
    }
}

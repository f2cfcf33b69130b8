package dev.quorum.tasks;

import dev.quorum.core.RepoRef;

/** The repository was reachable but does not have the wanted commit, even after a fetch. */
public final class MissingCommitException extends RepoException {
    private final String commit;

    public MissingCommitException(RepoRef repo, String commit) {
        super(repo, "repository " + repo + " has no commit " + commit + " (fetched all refs and it is still missing)",
                null);
        this.commit = commit;
    }

    public String commit() {
        return commit;
    }
}

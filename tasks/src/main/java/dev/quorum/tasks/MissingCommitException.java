package dev.quorum.tasks;

import dev.quorum.core.RepoRef;

/** The repository was reachable but does not have the wanted commit, even after a fetch. */
public final class MissingCommitException extends RepoException {
    private final String commit;

    /** {@code advice} says what to do about it (fetch into a shallow clone, ...). */
    public MissingCommitException(RepoRef repo, String commit, String advice) {
        super(repo, "repository " + RepoCache.withoutCredentials(repo.spec()) + " has no commit " + commit + ": "
                + advice, null);
        this.commit = commit;
    }

    public String commit() {
        return commit;
    }
}

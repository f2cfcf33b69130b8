package dev.quorum.tasks;

import dev.quorum.core.RepoRef;

/** A repository could not be cloned, fetched or checked out; it concerns one instance, not the whole run. */
public class RepoException extends Exception {
    private final RepoRef repo;

    public RepoException(RepoRef repo, String message, Throwable cause) {
        super(message, cause);
        this.repo = repo;
    }

    public RepoRef repo() {
        return repo;
    }
}

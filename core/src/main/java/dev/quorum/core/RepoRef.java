package dev.quorum.core;

import java.util.Objects;

/**
 * Where a repository comes from: {@code owner/name} (resolved against a Git host base URL), a URL, or a local
 * path to a working copy or bare mirror.
 */
public record RepoRef(String spec) {
    public RepoRef {
        Objects.requireNonNull(spec, "spec");
        if (spec.isBlank()) {
            throw new IllegalArgumentException("a repository reference must not be blank");
        }
    }

    public boolean isUrl() {
        return spec.contains("://") || spec.startsWith("git@");
    }

    public boolean isOwnerName() {
        return !isUrl() && spec.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+") && !spec.startsWith(".");
    }

    @Override
    public String toString() {
        return spec;
    }
}

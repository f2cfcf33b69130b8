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

    /**
     * What a user typed: an existing local directory wins (as an absolute path), so that a relative path such as
     * {@code work/myrepo} is never mistaken for the {@code owner/name} of a hosted repository.
     */
    public static RepoRef fromUserInput(String spec) {
        java.util.Objects.requireNonNull(spec, "spec");
        if (!spec.contains("://") && !spec.isBlank()) {
            java.nio.file.Path local = java.nio.file.Path.of(spec);
            if (java.nio.file.Files.isDirectory(local)) {
                return new RepoRef(local.toAbsolutePath().normalize().toString());
            }
        }
        return new RepoRef(spec);
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

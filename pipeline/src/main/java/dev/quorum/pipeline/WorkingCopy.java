package dev.quorum.pipeline;

import dev.quorum.core.Patch;
import dev.quorum.sandbox.DirectoryPatcher;
import dev.quorum.sandbox.PatchApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;

/** {@code quorum solve --apply}: puts the chosen patch into the user's working copy, carefully. */
public final class WorkingCopy {
    private WorkingCopy() {
    }

    /** Refuses a working copy with uncommitted changes, saying which files and how to override. */
    public static void requireClean(Path repo) {
        try (Git git = Git.open(repo.toFile())) {
            Status status = git.status().call();
            if (!status.isClean()) {
                Set<String> dirty = new TreeSet<>(status.getUncommittedChanges());
                dirty.addAll(status.getUntracked());
                throw new IllegalStateException("--apply refuses to touch " + repo + ": it has uncommitted changes ("
                        + String.join(", ", dirty.stream().limit(5).toList()) + (dirty.size() > 5 ? ", ..." : "")
                        + "). Commit or stash them, or pass --allow-dirty.");
            }
        } catch (IOException | GitAPIException e) {
            throw new IllegalArgumentException("--apply needs a git working copy; " + repo + " is not one ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Applies the patch with the strategies selection and eval use ({@link DirectoryPatcher}); nothing changes when
     * none applies.
     *
     * @return the strategy that applied, for the user to see how exact the application was
     */
    public static PatchApplication.Strategy apply(Path repo, Patch patch) {
        return switch (DirectoryPatcher.apply(repo, patch)) {
            case PatchApplication.Applied applied -> applied.strategy();
            case PatchApplication.Rejected rejected -> throw new IllegalStateException("the chosen patch no longer "
                    + "applies to " + repo + " (it changed since the run?); it is in the run directory as patch.diff. "
                    + rejected.reason());
        };
    }
}

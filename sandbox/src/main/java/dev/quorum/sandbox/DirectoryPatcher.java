package dev.quorum.sandbox;

import dev.quorum.core.FileTrees;
import dev.quorum.core.Patch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Applies a diff to a directory on the host (a user's working copy for {@code solve --apply}, the GitHub App's
 * checkout before it commits) with exactly the strategies every sandbox uses, so that what gets applied there is
 * what selection tested and eval graded.
 */
public final class DirectoryPatcher {
    private DirectoryPatcher() {
    }

    /**
     * Applies {@code patch} at the root of {@code directory}; a {@link PatchApplication.Rejected} patch leaves the
     * directory as it was.
     */
    public static PatchApplication apply(Path directory, Patch patch) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("quorum-patch-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for the patch", e);
        }
        try {
            return PatchApplier.apply(new HostDirectory(directory, scratch), patch, "");
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
    }
}

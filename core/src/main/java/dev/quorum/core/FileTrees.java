package dev.quorum.core;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.util.FileUtils;

/**
 * The one recursive delete (JGit's {@link FileUtils}): symbolic links are removed, never followed, so a link in a
 * model's worktree or a checkout cannot make Quorum delete files outside it.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes a file or a directory tree; a path that does not exist is fine. */
    public static void delete(Path path) throws IOException {
        FileUtils.delete(path.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    }

    /**
     * Deletes what it can, for clean-ups whose failure must not hide the error being handled.
     *
     * @return whether the path is gone
     */
    public static boolean deleteQuietly(Path path) {
        try {
            delete(path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

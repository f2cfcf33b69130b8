package dev.quorum.pipeline;

import dev.quorum.core.Patch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
                java.util.Set<String> dirty = new java.util.TreeSet<>(status.getUncommittedChanges());
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

    /** Applies the patch with {@code git apply} (falling back to a 3-way merge); nothing changes if both fail. */
    public static void apply(Path repo, Patch patch) throws IOException, InterruptedException {
        Path file = Files.createTempFile("quorum-chosen", ".diff");
        try {
            Files.write(file, patch.bytes());
            if (git(repo, "apply", file.toString()) || git(repo, "apply", "--3way", file.toString())) {
                return;
            }
            throw new IllegalStateException("the chosen patch no longer applies to " + repo
                    + " (it changed since the run?); it is in the run directory as patch.diff");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean git(Path repo, String... args) throws IOException, InterruptedException {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("git", "-c", "core.autocrlf=false"));
        argv.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(argv).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0;
    }
}

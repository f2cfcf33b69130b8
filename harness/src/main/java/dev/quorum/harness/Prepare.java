package dev.quorum.harness;

import dev.quorum.core.FileTrees;
import dev.quorum.core.Task;
import dev.quorum.sandbox.EnvImage;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxException;
import dev.quorum.sandbox.UnsupportedBuildException;
import dev.quorum.tasks.MissingCommitException;
import dev.quorum.tasks.RepoCache;
import dev.quorum.tasks.RepoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Step 1: the repository checked out at the task's base commit, and the env image its build needs (built once
 * per repository and build files, then reused).
 */
final class Prepare {
    private final RepoCache repos;
    private final Environments environments;

    Prepare(RepoCache repos, Environments environments) {
        this.repos = repos;
        this.environments = environments;
    }

    sealed interface Prepared {
        /** The checkout is deleted by {@link #cleanUp()} once the sandbox holds its own copy. */
        record Ready(Path checkout, EnvImage env) implements Prepared {
        }

        record Failed(String reason) implements Prepared {
        }
    }

    Prepared prepare(Task task, Path workDir) {
        Path checkout = workDir.resolve("repo");
        try {
            FileTrees.delete(workDir); // left over by an attempt that was killed
            Files.createDirectories(workDir);
            repos.checkout(task.repo(), task.baseCommit(), checkout);
        } catch (MissingCommitException e) {
            return new Prepared.Failed("missing commit: " + e.getMessage());
        } catch (RepoException e) {
            return new Prepared.Failed("checkout failed: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return new Prepared.Failed("checkout failed: cannot prepare " + workDir + ": " + e.getMessage());
        }
        try {
            return new Prepared.Ready(checkout, environments.ensureEnv(checkout, task.build()));
        } catch (UnsupportedBuildException e) {
            return new Prepared.Failed("unsupported build: " + e.getMessage());
        } catch (SandboxException e) {
            return new Prepared.Failed("env image build failed: " + e.getMessage());
        }
    }

    static void cleanUp(Path workDir) {
        try {
            FileTrees.delete(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the checkout " + workDir + ": " + e.getMessage(), e);
        }
    }
}

package dev.quorum.localization;

import dev.quorum.core.FileTrees;
import dev.quorum.core.RepoRef;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Opens a repository given as a local path (working copy or bare mirror) or a URL (cloned bare into a temporary
 * directory that {@link #close()} deletes).
 */
final class RepoAccess implements AutoCloseable {

    private final Repository repository;
    private final Path tempClone;

    private RepoAccess(Repository repository, Path tempClone) {
        this.repository = repository;
        this.tempClone = tempClone;
    }

    static RepoAccess open(RepoRef ref) {
        try {
            // A file: URL is a local repository: read in place, as a clone would fail on one lacking objects
            // outside the commit (partial clones, trimmed mirrors).
            boolean local = ref.spec().startsWith("file:");
            if (ref.isUrl() && !local) return cloneBare(ref.spec());
            File dir = (local ? Path.of(java.net.URI.create(ref.spec())) : Path.of(ref.spec())).toAbsolutePath()
                    .normalize().toFile();
            File gitDir = RepositoryCache.FileKey.resolve(dir, FS.DETECTED);
            if (gitDir == null) {
                throw new IllegalArgumentException("not a Git repository (working copy or bare): " + dir);
            }
            Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).readEnvironment()
                    .build();
            return new RepoAccess(repo, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open repository " + ref, e);
        }
    }

    private static RepoAccess cloneBare(String url) throws IOException {
        Path dir = Files.createTempDirectory("quorum-localize-");
        try {
            Git git = Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setBare(true)
                    .setCloneAllBranches(true).call();
            return new RepoAccess(git.getRepository(), dir);
        } catch (GitAPIException e) {
            FileTrees.deleteQuietly(dir);
            throw new IllegalArgumentException("cannot clone " + url + ": " + e.getMessage(), e);
        }
    }

    Repository repository() {
        return repository;
    }

    @Override
    public void close() {
        repository.close();
        if (tempClone != null) FileTrees.deleteQuietly(tempClone);
    }
}

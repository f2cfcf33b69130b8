package dev.quorum.localization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git working copy made with JGit, for tests. */
final class TestRepo implements AutoCloseable {

    private final Git git;
    final Path dir;

    private TestRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    static TestRepo init(Path dir) throws GitAPIException {
        return new TestRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    }

    TestRepo write(String path, String text) throws IOException {
        return write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    TestRepo write(String path, byte[] bytes) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return this;
    }

    TestRepo writeAll(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) write(e.getKey(), e.getValue());
        return this;
    }

    /** Adds everything (ignored files too when {@code force}) and commits; returns the commit id. */
    String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Test", "test@example.invalid");
        RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        return c.getName();
    }

    /**
     * A bare repository with one commit holding {@code files}, written straight into the object database: much
     * faster than writing thousands of files to disk and adding them. Returns the commit id.
     */
    static String bareWith(Path dir, Map<String, String> files) throws IOException {
        try (Repository repo = FileRepositoryBuilder.create(dir.toFile())) {
            repo.create(true);
            // One pack instead of thousands of loose objects.
            try (ObjectInserter inserter = ((ObjectDirectory) repo.getObjectDatabase()).newPackInserter()) {
                DirCache index = DirCache.newInCore();
                DirCacheBuilder builder = index.builder();
                for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
                    DirCacheEntry entry = new DirCacheEntry(e.getKey());
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, e.getValue().getBytes(StandardCharsets.UTF_8)));
                    builder.add(entry);
                }
                builder.finish();
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                PersonIdent who = new PersonIdent("Test", "test@example.invalid");
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("generated");
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                RefUpdate update = repo.updateRef("refs/heads/main");
                update.setNewObjectId(id);
                update.forceUpdate();
                repo.updateRef(Constants.HEAD).link("refs/heads/main");
                return id.getName();
            }
        }
    }

    @Override
    public void close() {
        git.close();
    }
}

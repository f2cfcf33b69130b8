package dev.quorum.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Makes a working copy of one commit: a new repository holding that commit and its tree (nothing of the history),
 * marked shallow like {@code git clone --depth 1}, HEAD detached at the commit, files checked out.
 *
 * <p>Only the objects the commit needs are read, so a source whose history lacks blobs elsewhere (partial clones,
 * trimmed mirrors) or whose history stops at that commit (CI checkouts of depth 1) serves as well as a complete
 * one. Objects JGit cannot read are asked of the git command line, which fetches them from a partial clone's
 * promisor remote.
 */
final class CommitCopy {
    private final Repository source;

    CommitCopy(Repository source) {
        this.source = source;
    }

    /** Thrown when the commit's own tree lacks objects that neither JGit nor git can read. */
    static final class IncompleteTreeException extends IOException {
        IncompleteTreeException(String message) {
            super(message);
        }
    }

    void write(ObjectId commit, Path dest) throws IOException, GitAPIException {
        try (Git git = Git.init().setDirectory(dest.toFile()).call()) {
            Repository target = git.getRepository();
            // Bytes exactly as committed: a user-level autocrlf must not rewrite CRLF files a patch targets.
            StoredConfig config = target.getConfig();
            config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
            config.save();
            copyObjects(commit, target);
            // Without the parents, git must be told where history stops, or log/diff/fsck complain about them.
            Files.writeString(target.getDirectory().toPath().resolve("shallow"), commit.name() + "\n");
            RefUpdate detach = target.updateRef(Constants.HEAD, true);
            detach.setNewObjectId(commit);
            RefUpdate.Result detached = detach.forceUpdate();
            if (detached != RefUpdate.Result.FORCED && detached != RefUpdate.Result.NEW
                    && detached != RefUpdate.Result.NO_CHANGE) {
                throw new IOException("cannot detach HEAD at " + commit.name() + ": " + detached);
            }
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
        }
    }

    private void copyObjects(ObjectId commitId, Repository target) throws IOException {
        try (ObjectReader reader = source.newObjectReader(); ObjectInserter inserter = target.newObjectInserter();
             RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(commitId);
            inserter.insert(Constants.OBJ_COMMIT, reader.open(commitId, Constants.OBJ_COMMIT).getCachedBytes());
            Map<ObjectId, String> missingBlobs = new LinkedHashMap<>();
            Set<ObjectId> seen = new HashSet<>();
            Deque<TreeAt> trees = new ArrayDeque<>(List.of(new TreeAt(commit.getTree().copy(), "")));
            CanonicalTreeParser parser = new CanonicalTreeParser();
            while (!trees.isEmpty()) {
                TreeAt tree = trees.pop();
                byte[] bytes = readTree(reader, tree);
                inserter.insert(Constants.OBJ_TREE, bytes);
                for (parser.reset(bytes); !parser.eof(); parser.next()) {
                    FileMode mode = parser.getEntryFileMode();
                    ObjectId id = parser.getEntryObjectId();
                    String path = tree.path() + parser.getEntryPathString();
                    if (mode == FileMode.GITLINK || !seen.add(id)) {
                        continue; // a submodule's commit lives in another repository
                    }
                    if (mode == FileMode.TREE) {
                        trees.push(new TreeAt(id, path + "/"));
                    } else if (!copyBlob(reader, inserter, id)) {
                        missingBlobs.put(id, path);
                    }
                }
            }
            copyWithGit(missingBlobs, inserter);
            inserter.flush();
        }
    }

    private record TreeAt(ObjectId id, String path) {
    }

    private byte[] readTree(ObjectReader reader, TreeAt tree) throws IOException {
        try {
            return reader.open(tree.id(), Constants.OBJ_TREE).getCachedBytes();
        } catch (MissingObjectException e) {
            List<GitCli.GitObject> read = GitCli.readObjects(source.getDirectory().toPath(), List.of(tree.id()));
            if (read.isEmpty()) {
                throw incomplete(Map.of(tree.id(), tree.path().isEmpty() ? "(root tree)" : tree.path()));
            }
            return read.getFirst().bytes();
        }
    }

    private static boolean copyBlob(ObjectReader reader, ObjectInserter inserter, ObjectId id) throws IOException {
        ObjectLoader loader;
        try {
            loader = reader.open(id, Constants.OBJ_BLOB);
        } catch (MissingObjectException e) {
            return false;
        }
        try (var in = loader.openStream()) {
            inserter.insert(Constants.OBJ_BLOB, loader.getSize(), in);
        }
        return true;
    }

    private void copyWithGit(Map<ObjectId, String> missing, ObjectInserter inserter) throws IOException {
        if (missing.isEmpty()) {
            return;
        }
        Map<ObjectId, String> stillMissing = new LinkedHashMap<>(missing);
        for (GitCli.GitObject object : GitCli.readObjects(source.getDirectory().toPath(), missing.keySet())) {
            inserter.insert(object.type(), object.bytes());
            stillMissing.remove(object.id());
        }
        if (!stillMissing.isEmpty()) {
            throw incomplete(stillMissing);
        }
    }

    private IncompleteTreeException incomplete(Map<ObjectId, String> missing) {
        Map.Entry<ObjectId, String> first = missing.entrySet().iterator().next();
        return new IncompleteTreeException(source.getDirectory() + " lacks " + missing.size()
                + " object(s) of the commit's own tree (first: " + first.getValue() + ", " + first.getKey().name()
                + "), and git cannot read them either; fetch them into that repository (git fetch --refetch, or a"
                + " full clone) and try again");
    }
}

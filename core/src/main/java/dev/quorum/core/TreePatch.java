package dev.quorum.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** A patch applied to a commit's tree in Git's object store (JGit's {@link PatchApplier}), never to a working tree. */
public final class TreePatch {
    private TreePatch() {
    }

    /**
     * The tree of {@code tree} with {@code patch} applied. The objects go through {@code inserter}: a repository's
     * inserter stores them (flush it), an {@link ObjectInserter.Formatter} only computes their ids.
     *
     * @param what what the patch is, for the error ({@code "the test patch"})
     * @throws IllegalArgumentException when it does not parse or apply, naming why and what to do
     */
    public static ObjectId apply(Repository repo, RevTree tree, Patch patch, ObjectInserter inserter, String what,
                                 String commit) throws IOException {
        org.eclipse.jgit.patch.Patch parsed = new org.eclipse.jgit.patch.Patch();
        parsed.parse(new ByteArrayInputStream(patch.bytes()));
        PatchApplier.Result applied = parsed.getErrors().isEmpty()
                ? new PatchApplier(repo, tree, inserter).applyPatch(parsed) : null;
        if (applied == null || !applied.getErrors().isEmpty()) {
            throw new IllegalArgumentException(what + " does not apply to commit " + commit + ": "
                    + Stream.concat(parsed.getErrors().stream(), applied == null ? Stream.empty()
                    : applied.getErrors().stream()).map(Object::toString).limit(3).toList()
                    + "; make it against that commit (git diff)");
        }
        return applied.getTreeId();
    }

    /** Fails as {@link #apply} does unless {@code patch} applies to {@code commit} of the repository; no writes. */
    public static void requireApplies(Path repoDir, String commit, Patch patch, String what) {
        if (patch.isEmpty()) {
            return;
        }
        Path dotGit = repoDir.resolve(".git");
        try (Repository repo = new FileRepositoryBuilder().setGitDir((Files.isDirectory(dotGit) ? dotGit : repoDir)
                .toFile()).setMustExist(true).build(); RevWalk walk = new RevWalk(repo);
             ObjectInserter ids = idsOnly(repo)) {
            ObjectId id = repo.resolve(commit);
            if (id == null) {
                throw new IllegalArgumentException("commit " + commit + " is not in " + repoDir);
            }
            apply(repo, walk.parseCommit(id).getTree(), patch, ids, what, commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the repository " + repoDir, e);
        }
    }

    /** Computes the ids of what it is given and stores nothing; reads come from the repository. */
    private static ObjectInserter idsOnly(Repository repo) {
        return new ObjectInserter.Formatter() {
            @Override
            public ObjectId insert(int type, long length, InputStream in) throws IOException {
                return idFor(type, length, in);
            }

            @Override
            public ObjectReader newReader() {
                return repo.newObjectReader();
            }
        };
    }
}

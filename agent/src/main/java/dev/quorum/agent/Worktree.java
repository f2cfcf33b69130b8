package dev.quorum.agent;

import dev.quorum.core.Patch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.util.FS;

/**
 * A trajectory's own copy of the repository at the base commit, written from Git objects (no {@code .git} in it,
 * so 64 of them stay cheap), and its diff against that commit. Files are bytes: CRLF stays CRLF both ways.
 */
final class Worktree {
    private final Path dir;
    private final Repository repo;
    private final ObjectId baseTree;

    private Worktree(Path dir, Repository repo, ObjectId baseTree) {
        this.dir = dir;
        this.repo = repo;
        this.baseTree = baseTree;
    }

    /** The base commit's tree of a repository, opened once and shared (JGit reads are thread-safe). */
    record Base(Repository repo, ObjectId tree) implements AutoCloseable {
        static Base open(Path repoDir, String commit) {
            try {
                FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment();
                Path dotGit = repoDir.resolve(".git");
                builder.setGitDir(Files.isDirectory(dotGit) ? dotGit.toFile() : repoDir.toFile());
                Repository repo = builder.setMustExist(true).build();
                ObjectId id = repo.resolve(commit);
                if (id == null) {
                    repo.close();
                    throw new IllegalArgumentException("commit " + commit + " is not in " + repoDir);
                }
                try (RevWalk walk = new RevWalk(repo)) {
                    return new Base(repo, walk.parseCommit(id).getTree().getId());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the repository " + repoDir, e);
            }
        }

        @Override
        public void close() {
            repo.close();
        }
    }

    /** Writes the base tree to {@code dir}, replacing whatever an earlier unfinished run left there. */
    static Worktree create(Base base, Path dir) {
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            try (ObjectReader reader = base.repo().newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(base.tree());
                walk.setRecursive(true);
                while (walk.next()) {
                    FileMode mode = walk.getFileMode(0);
                    if (mode == FileMode.GITLINK) {
                        continue; // submodules are not part of this repository's source
                    }
                    Path file = dir.resolve(walk.getPathString());
                    Files.createDirectories(file.getParent());
                    byte[] bytes = reader.open(walk.getObjectId(0)).getBytes();
                    if (mode == FileMode.SYMLINK) {
                        Files.createSymbolicLink(file, Path.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
                        continue;
                    }
                    Files.write(file, bytes);
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        Set<PosixFilePermission> p = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                        p.add(PosixFilePermission.OWNER_EXECUTE);
                        Files.setPosixFilePermissions(file, p);
                    }
                }
            }
            return new Worktree(dir, base.repo(), base.tree());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the worktree " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    /**
     * A path given by the model, resolved inside the worktree.
     *
     * @throws ToolError when it points outside
     */
    Path resolve(String path) {
        if (path == null || path.isBlank()) {
            throw new ToolError("a path is required");
        }
        String p = path.strip();
        if (p.startsWith("/workspace/")) {
            p = p.substring("/workspace/".length());
        }
        Path resolved = dir.resolve(p).normalize();
        if (!resolved.startsWith(dir)) {
            throw new ToolError("path " + path + " is outside the repository; use a path relative to its root");
        }
        return resolved;
    }

    String relative(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /** Source changes and test files, as two unified diffs against the base commit. */
    record Diff(Patch source, Patch tests) {
    }

    Diff diff() {
        Config config = new Config();
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out); ObjectReader reader = repo.newObjectReader()) {
            formatter.setRepository(repo);
            formatter.setDetectRenames(false);
            CanonicalTreeParser before = new CanonicalTreeParser(null, reader, baseTree);
            FileTreeIterator after = new FileTreeIterator(dir.toFile(), FS.DETECTED, config.get(WorkingTreeOptions.KEY));
            List<DiffEntry> source = new ArrayList<>();
            List<DiffEntry> tests = new ArrayList<>();
            for (DiffEntry entry : formatter.scan(before, after)) {
                String path = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
                if (isBuildOutput(path)) {
                    continue;
                }
                (isTestPath(path) ? tests : source).add(entry);
            }
            formatter.format(source);
            formatter.flush();
            int split = out.size();
            formatter.format(tests);
            formatter.flush();
            byte[] all = out.toByteArray();
            return new Diff(new Patch(java.util.Arrays.copyOfRange(all, 0, split)),
                    new Patch(java.util.Arrays.copyOfRange(all, split, all.length)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot diff the worktree " + dir, e);
        }
    }

    /** Maven and Gradle conventions: what lives under a test source root is a test the trajectory wrote. */
    static boolean isTestPath(String path) {
        String p = "/" + path;
        return p.contains("/src/test/") || p.contains("/src/it/") || p.contains("/src/testFixtures/");
    }

    private static boolean isBuildOutput(String path) {
        String p = "/" + path;
        return p.contains("/target/") || p.contains("/build/classes/") || p.contains("/.gradle/");
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package dev.quorum.agent;

import dev.quorum.core.FileTrees;
import dev.quorum.core.Patch;
import dev.quorum.core.RepoPaths;
import dev.quorum.core.TreePatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
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
    private final Set<String> linksOutside;

    private Worktree(Path dir, Repository repo, ObjectId baseTree, Set<String> linksOutside) {
        this.dir = dir;
        this.repo = repo;
        this.baseTree = baseTree;
        this.linksOutside = linksOutside;
    }

    /**
     * The base commit's tree of a repository, opened once and shared (JGit reads are thread-safe); with the user's
     * test patch applied when there is one, so that their tests are in every worktree and in no trajectory's diff.
     */
    record Base(Repository repo, ObjectId tree) implements AutoCloseable {
        static Base open(Path repoDir, String commit) {
            return open(repoDir, commit, Patch.empty());
        }

        static Base open(Path repoDir, String commit, Patch tests) {
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
                    RevTree tree = walk.parseCommit(id).getTree();
                    return new Base(repo, tests.isEmpty() ? tree.getId() : withPatch(repo, tree, tests, commit));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the repository " + repoDir, e);
            }
        }

        /** Stores the tree of {@code tree} with the patch applied (objects only: no ref, no working tree). */
        private static ObjectId withPatch(Repository repo, RevTree tree, Patch tests, String commit)
                throws IOException {
            try (ObjectInserter inserter = repo.newObjectInserter()) {
                ObjectId patched = TreePatch.apply(repo, tree, tests, inserter, "the test patch", commit);
                inserter.flush();
                return patched;
            } catch (IllegalArgumentException e) {
                repo.close();
                throw e;
            }
        }

        @Override
        public void close() {
            repo.close();
        }
    }

    /**
     * Writes the base tree to {@code dir}, replacing whatever an earlier unfinished run left there. A committed
     * symbolic link stays a link only while it leads to a place inside the worktree; one that leads out (an
     * absolute target, {@code ../..}, or a chain of links that ends outside) becomes a plain file holding its
     * target's text, as Git writes links where the file system has none, so nothing read or written through it
     * can reach the host.
     */
    static Worktree create(Base base, Path dir) {
        try {
            FileTrees.delete(dir);
            Files.createDirectories(dir);
            Path root = dir.toRealPath();
            Map<String, String> links = new LinkedHashMap<>();
            try (ObjectReader reader = base.repo().newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(base.tree());
                walk.setRecursive(true);
                while (walk.next()) {
                    FileMode mode = walk.getFileMode(0);
                    if (mode == FileMode.GITLINK) {
                        continue; // submodules are not part of this repository's source
                    }
                    byte[] bytes = reader.open(walk.getObjectId(0)).getBytes();
                    if (mode == FileMode.SYMLINK) {
                        links.put(walk.getPathString(), new String(bytes, StandardCharsets.UTF_8));
                        continue; // after every file and directory exists, so that chains can be followed
                    }
                    Path file = root.resolve(walk.getPathString());
                    Files.createDirectories(file.getParent());
                    Files.write(file, bytes, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        Set<PosixFilePermission> p = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                        p.add(PosixFilePermission.OWNER_EXECUTE);
                        Files.setPosixFilePermissions(file, p);
                    }
                }
            }
            return new Worktree(root, base.repo(), base.tree(), materializeLinks(root, links));
        } catch (IOException | InvalidPathException e) {
            throw new UncheckedIOException("cannot write the worktree " + dir,
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    /** Creates the links that stay inside {@code root}; the others become plain files. Returns the latter. */
    private static Set<String> materializeLinks(Path root, Map<String, String> links) throws IOException {
        Set<String> outside = new TreeSet<>();
        List<Path> made = new ArrayList<>();
        for (Map.Entry<String, String> link : links.entrySet()) {
            Path file = root.resolve(link.getKey());
            Files.createDirectories(file.getParent());
            String target = link.getValue();
            if (lexicallyInside(file, target, root)) {
                made.add(Files.createSymbolicLink(file, Path.of(target)));
            } else {
                writePlain(file, target);
                outside.add(link.getKey());
            }
        }
        // Lexically inside is not enough: "a -> d/../.." leaves when d is itself a link to a shallower place.
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Path link : made) {
                if (Files.isSymbolicLink(link) && !leadsInside(link, root)) {
                    String target = Files.readSymbolicLink(link).toString();
                    Files.delete(link);
                    writePlain(link, target);
                    outside.add(root.relativize(link).toString().replace('\\', '/'));
                    changed = true;
                }
            }
        }
        return Set.copyOf(outside);
    }

    private static boolean lexicallyInside(Path link, String target, Path root) {
        try {
            return !target.isEmpty() && !Path.of(target).isAbsolute()
                    && link.getParent().resolve(target).normalize().startsWith(root);
        } catch (InvalidPathException e) {
            return false; // a target no path can name (a NUL byte) becomes a plain file like any other
        }
    }

    private static boolean leadsInside(Path link, Path root) {
        try {
            return link.toRealPath().startsWith(root);
        } catch (IOException dangling) {
            return true; // points at nothing; the tools refuse to go through it, the sandbox gets it as a link
        }
    }

    private static void writePlain(Path file, String target) throws IOException {
        Files.write(file, target.getBytes(StandardCharsets.UTF_8), LinkOption.NOFOLLOW_LINKS,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    Path dir() {
        return dir;
    }

    /**
     * A path given by the model, resolved inside the worktree: lexically first, then through every symbolic link
     * among its existing parts, so that the result is the real location and lies under the real root.
     *
     * @throws ToolError when it points outside, directly or through a link
     */
    Path resolve(String path) {
        if (path == null || path.isBlank()) {
            throw new ToolError("a path is required");
        }
        String p = path.strip();
        if (p.startsWith("/workspace/")) {
            p = p.substring("/workspace/".length());
        }
        Path lexical;
        try {
            lexical = dir.resolve(p).normalize();
        } catch (InvalidPathException e) {
            throw new ToolError("'" + path + "' is not a valid path: " + e.getReason());
        }
        if (!lexical.startsWith(dir)) {
            throw new ToolError("path " + path + " is outside the repository; use a path relative to its root");
        }
        Path current = dir;
        for (Path name : dir.relativize(lexical)) {
            Path next = current.resolve(name);
            if (Files.isSymbolicLink(next)) {
                try {
                    next = next.toRealPath();
                } catch (IOException e) {
                    throw new ToolError(path + " goes through the symbolic link " + relative(current.resolve(name))
                            + ", which points at nothing");
                }
                if (!next.startsWith(dir)) {
                    throw new ToolError(path + " goes through the symbolic link " + relative(current.resolve(name))
                            + ", which leads outside the repository; it cannot be read or written");
                }
            }
            current = next;
        }
        return current;
    }

    /**
     * Like {@link #resolve}, for a file about to be written. A committed link that leads outside is kept as a
     * plain file holding its target, and stays as committed: writing it would change what the link is.
     */
    Path resolveForWrite(String path) {
        Path file = resolve(path);
        if (linksOutside.contains(relative(file))) {
            throw new ToolError(path + " is a symbolic link in the repository that leads outside it; Quorum keeps it"
                    + " as it is committed and does not write to it");
        }
        return file;
    }

    /** Committed links that lead outside the worktree, kept as plain files holding their targets. */
    Set<String> linksOutside() {
        return linksOutside;
    }

    /**
     * A file's bytes, never through a link (the path comes from {@link #resolve}, which already resolved links).
     *
     * @throws ToolError when it is missing, not a regular file, larger than {@code maxBytes}, or unreadable
     */
    byte[] read(Path file, int maxBytes) {
        String rel = relative(file);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError(rel + " is a directory, not a file");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("no file " + rel + " (paths are relative to the repository root)");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ToolError(rel + " is larger than " + (maxBytes >> 20) + " MiB; search it instead of"
                        + " reading it");
            }
            return bytes;
        } catch (IOException e) {
            throw new ToolError("cannot read " + rel + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage().replace(dir.toString(), "") + ")"));
        }
    }

    /** Writes a file (creating its directories), never through a link. */
    void write(Path file, byte[] bytes) {
        String rel = relative(file);
        try {
            Files.createDirectories(file.getParent());
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ToolError(rel + " is a directory, not a file");
            }
            Files.write(file, bytes, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new ToolError("cannot write " + rel + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage().replace(dir.toString(), "") + ")"));
        }
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
                if (isBuildOutput(path) || linksOutside.contains(path)) {
                    continue;
                }
                (RepoPaths.isTestSource(path) ? tests : source).add(entry);
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
    private static boolean isBuildOutput(String path) {
        String p = "/" + path;
        return p.contains("/target/") || p.contains("/build/classes/") || p.contains("/.gradle/");
    }
}

package dev.quorum.localization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * Reads the source files of one commit straight from Git objects (no checkout, so it works on a bare mirror), or
 * the files of a working copy with its uncommitted changes. Skips what is not code anyone would fix: build
 * output, vendored and generated trees, minified files, binaries (a NUL byte in the first 8000 bytes, Git's own
 * test) and files over the size limit.
 */
final class RepoSnapshotReader {

    /** gitignore-style patterns for trees that hold generated or vendored code. */
    static final List<String> DEFAULT_EXCLUDES = List.of(
            "target/", "build/", "out/", "bin/", "node_modules/", "vendor/", "third_party/", "bower_components/",
            ".gradle/", ".mvn/", ".idea/", ".vscode/", "generated/", "generated-sources/", "generated-test-sources/",
            "*.min.js", "*.min.css", "*.map", "package-lock.json", "yarn.lock");

    /** Files worth ranking: code and the configuration code reads. Documentation and data are left out. */
    private static final Set<String> TEXT_EXTENSIONS = Set.of(
            "java", "kt", "kts", "groovy", "scala", "xml", "properties", "gradle", "yaml", "yml", "json", "sql",
            "js", "ts", "html", "css", "g4", "jj", "vm", "ftl", "txt", "md");

    private static final int BINARY_SNIFF_BYTES = 8000;

    private final List<FastIgnoreRule> excludes;
    private final long maxFileBytes;

    RepoSnapshotReader(List<String> extraExcludes, long maxFileBytes) {
        List<FastIgnoreRule> rules = new ArrayList<>();
        for (String pattern : DEFAULT_EXCLUDES) rules.add(new FastIgnoreRule(pattern));
        for (String pattern : extraExcludes) rules.add(new FastIgnoreRule(pattern));
        this.excludes = List.copyOf(rules);
        this.maxFileBytes = maxFileBytes;
    }

    /** Resolves a revision to a full commit id, failing with a message that names the revision. */
    static RevCommit resolveCommit(Repository repo, String revision) throws IOException {
        ObjectId id = repo.resolve(revision + "^{commit}");
        if (id == null) {
            throw new IllegalArgumentException("no commit '" + revision + "' in " + repo.getDirectory());
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id);
        }
    }

    /** The files of a commit's tree, read as blobs. */
    List<SourceFile> readCommit(Repository repo, RevCommit commit) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(repo, reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                if (walk.isSubtree()) {
                    if (!isExcluded(path, true)) walk.enterSubtree();
                    continue;
                }
                FileMode mode = walk.getFileMode(0);
                if ((mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) || !isWanted(path)) {
                    continue;
                }
                ObjectId blob = walk.getObjectId(0);
                try {
                    if (reader.getObjectSize(blob, Constants.OBJ_BLOB) > maxFileBytes) continue;
                    byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Math.toIntExact(maxFileBytes));
                    addIfText(files, path, bytes);
                } catch (MissingObjectException e) {
                    // A shallow or partial clone may lack some blobs; what is missing cannot be localized.
                }
            }
        }
        return files;
    }

    /** The files on disk, tracked or not, minus what .gitignore and the built-in excludes leave out. */
    List<SourceFile> readWorkingCopy(Repository repo) throws IOException {
        if (repo.isBare()) {
            throw new IllegalArgumentException("a bare repository has no working copy: " + repo.getDirectory());
        }
        Path root = repo.getWorkTree().toPath();
        List<SourceFile> files = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(new FileTreeIterator(repo));
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                WorkingTreeIterator entry = walk.getTree(0, WorkingTreeIterator.class);
                if (entry.isEntryIgnored()) continue;
                if (walk.isSubtree()) {
                    if (!isExcluded(path, true)) walk.enterSubtree();
                    continue;
                }
                if (walk.getFileMode(0) == FileMode.SYMLINK || !isWanted(path)) continue;
                if (entry.getEntryLength() > maxFileBytes) continue;
                try {
                    addIfText(files, path, Files.readAllBytes(root.resolve(path)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            }
        }
        return files;
    }

    private boolean isWanted(String path) {
        if (isExcluded(path, false)) return false;
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && TEXT_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private boolean isExcluded(String path, boolean directory) {
        for (FastIgnoreRule rule : excludes) {
            if (rule.isMatch(path, directory)) return !rule.getNegation();
        }
        return false;
    }

    private void addIfText(List<SourceFile> files, String path, byte[] bytes) {
        int sniff = Math.min(bytes.length, BINARY_SNIFF_BYTES);
        for (int i = 0; i < sniff; i++) {
            if (bytes[i] == 0) return;
        }
        files.add(new SourceFile(path, new String(bytes, StandardCharsets.UTF_8)));
    }
}

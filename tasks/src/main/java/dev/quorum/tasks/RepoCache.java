package dev.quorum.tasks;

import dev.quorum.core.RepoRef;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Keeps one bare mirror per repository in a cache directory and checks out instances from it.
 *
 * <p>A repository is named as {@code owner/name} (cloned from the Git host base URL), a URL, or a local path to a
 * working copy or bare mirror. A mirror is fetched again only when a wanted commit is missing. Each instance gets
 * its own self-contained clone (a {@code .git} of its own, HEAD detached at the commit), so it can be copied into
 * a container and {@code git apply --3way} works there.
 */
public final class RepoCache {
    public static final String DEFAULT_GIT_HOST = "https://github.com";

    private final Path cacheDir;
    private final String gitHostBaseUrl;
    /** One lock per mirror, so parallel instances of one repository clone it once. */
    private final ConcurrentHashMap<String, Object> mirrorLocks = new ConcurrentHashMap<>();

    public RepoCache(Path cacheDir, String gitHostBaseUrl) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        String base = gitHostBaseUrl == null || gitHostBaseUrl.isBlank() ? DEFAULT_GIT_HOST : gitHostBaseUrl.strip();
        this.gitHostBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public RepoCache(Path cacheDir) {
        this(cacheDir, DEFAULT_GIT_HOST);
    }

    /** Where {@code repo} is cloned from. */
    public String remoteUrl(RepoRef repo) {
        if (repo.isUrl()) {
            return repo.spec();
        }
        if (repo.isOwnerName()) {
            return gitHostBaseUrl + "/" + repo.spec() + ".git";
        }
        return Path.of(repo.spec()).toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * Clones {@code repo} into {@code dest} with HEAD detached at {@code commit}, fetching the mirror first if it
     * lacks the commit. {@code dest} must not exist or be empty.
     *
     * @return {@code dest}
     * @throws MissingCommitException when the repository does not have the commit
     * @throws RepoException          when the repository cannot be cloned or checked out
     */
    public Path checkout(RepoRef repo, String commit, Path dest) throws RepoException {
        Path mirror = mirror(repo, commit);
        ObjectId id;
        try (Repository mirrorRepo = Git.open(mirror.toFile()).getRepository()) {
            id = resolveCommit(mirrorRepo, commit);
        } catch (IOException e) {
            throw new RepoException(repo, "cannot read the mirror of " + repo + " at " + mirror + ": " + e.getMessage(), e);
        }
        try {
            if (Files.isDirectory(dest)) {
                try (Stream<Path> entries = Files.list(dest)) {
                    if (entries.findAny().isPresent()) {
                        throw new RepoException(repo, "cannot check out " + repo + " into " + dest
                                + ": the directory is not empty", null);
                    }
                }
            }
            try (Git git = Git.cloneRepository()
                    .setURI(mirror.toUri().toString())
                    .setDirectory(dest.toFile())
                    .setNoCheckout(true)
                    .setCloneAllBranches(true)
                    .call()) {
                // Bytes exactly as committed: a user-level autocrlf must not rewrite CRLF files a patch targets.
                StoredConfig config = git.getRepository().getConfig();
                config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
                config.save();
                Repository clone = git.getRepository();
                RefUpdate detach = clone.updateRef(Constants.HEAD, true);
                detach.setNewObjectId(id);
                RefUpdate.Result detached = detach.forceUpdate();
                if (detached != RefUpdate.Result.FORCED && detached != RefUpdate.Result.NEW
                        && detached != RefUpdate.Result.NO_CHANGE) {
                    throw new IOException("cannot detach HEAD at " + id.name() + ": " + detached);
                }
                // The clone wrote no index; a hard reset fills index and work tree from the commit.
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(id.name()).call();
            }
            return dest;
        } catch (GitAPIException | IOException e) {
            throw new RepoException(repo, "cannot check out " + repo + " at " + commit + " into " + dest + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The bare mirror of {@code repo}, cloned if absent and fetched if it lacks {@code commit}.
     *
     * @throws MissingCommitException when the commit is missing even after a fetch
     */
    public Path mirror(RepoRef repo, String commit) throws RepoException {
        String key = cacheKey(repo);
        Path mirror = cacheDir.resolve(key);
        synchronized (mirrorLocks.computeIfAbsent(key, k -> new Object())) {
            String url = remoteUrl(repo);
            if (!Files.isDirectory(mirror)) {
                cloneMirror(repo, url, mirror);
            }
            try (Git git = Git.open(mirror.toFile())) {
                if (resolveCommit(git.getRepository(), commit) != null) {
                    return mirror;
                }
                git.fetch()
                        .setRemote(url)
                        .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                        .call();
                if (resolveCommit(git.getRepository(), commit) == null) {
                    throw new MissingCommitException(repo, commit);
                }
                return mirror;
            } catch (GitAPIException | IOException e) {
                throw new RepoException(repo, "cannot fetch " + repo + " from " + url + ": " + e.getMessage(), e);
            }
        }
    }

    private void cloneMirror(RepoRef repo, String url, Path mirror) throws RepoException {
        Path partial = mirror.resolveSibling(mirror.getFileName() + ".partial");
        try {
            Files.createDirectories(cacheDir);
            deleteRecursively(partial);
            try (Git ignored = Git.cloneRepository()
                    .setURI(url)
                    .setDirectory(partial.toFile())
                    .setBare(true)
                    .setMirror(true)
                    .call()) {
                // Cloned; moved into place below so a crash never leaves a half mirror under the real name.
            }
            try {
                Files.move(partial, mirror, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, mirror);
            }
        } catch (GitAPIException | IOException e) {
            try {
                deleteRecursively(partial);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new RepoException(repo, "cannot clone " + repo + " from " + url + ": " + e.getMessage(), e);
        }
    }

    /** The commit named by a full or abbreviated sha (or any revision), or null when the repository lacks it. */
    private static ObjectId resolveCommit(Repository repository, String commit) throws IOException {
        ObjectId id;
        try {
            id = repository.resolve(commit + "^{commit}");
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException
                 | org.eclipse.jgit.errors.MissingObjectException e) {
            return null;
        }
        if (id == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit parsed = walk.parseCommit(id);
            return parsed.getId();
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return null;
        }
    }

    /** A readable, collision-free directory name from the normalized spec. */
    String cacheKey(RepoRef repo) {
        String normalized;
        if (repo.isUrl() || repo.isOwnerName()) {
            normalized = remoteUrl(repo).toLowerCase(Locale.ROOT);
            normalized = normalized.replaceFirst("^[a-z+]+://", "").replaceFirst("^git@", "").replace(':', '/');
            while (normalized.endsWith("/")) normalized = normalized.substring(0, normalized.length() - 1);
            if (normalized.endsWith(".git")) normalized = normalized.substring(0, normalized.length() - 4);
        } else {
            normalized = URI.create(remoteUrl(repo)).getPath();
        }
        String readable = normalized.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (readable.length() > 60) readable = readable.substring(readable.length() - 60);
        return readable + "-" + sha256(normalized).substring(0, 12) + ".git";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

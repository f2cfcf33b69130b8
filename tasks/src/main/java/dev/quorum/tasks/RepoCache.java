package dev.quorum.tasks;

import dev.quorum.core.FileTrees;
import dev.quorum.core.RepoRef;
import java.io.IOException;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.FS;

/**
 * Checks out one commit of a repository into a directory of its own, reading only what that commit needs.
 *
 * <p>A repository is named as {@code owner/name} (cloned from the Git host base URL), a URL, or a local path (or
 * {@code file:} URL) to a working copy or bare mirror. A local repository is read in place; a remote one gets a
 * bare mirror in the cache directory, fetched again only when a wanted commit is missing. Each checkout is a
 * self-contained repository holding the commit and its tree only (see {@link CommitCopy}), HEAD detached at the
 * commit, so it can be copied into a container and {@code git apply --3way} works there. A source whose history
 * lacks objects elsewhere (partial clones, trimmed mirrors) or stops at the commit (shallow CI checkouts) is as
 * good as a complete one. Credentials in a URL are used to clone and fetch but never stored: not in cache
 * directory names, not in a mirror's config, not in messages.
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

    /** Where {@code repo} is cloned from (with any credentials the spec carries). */
    public String remoteUrl(RepoRef repo) {
        if (repo.isUrl()) {
            return repo.spec();
        }
        if (repo.isOwnerName()) {
            return gitHostBaseUrl + "/" + repo.spec() + ".git";
        }
        return Path.of(repo.spec()).toAbsolutePath().normalize().toUri().toString();
    }

    /** {@code url} without the user-info part ({@code https://user:token@host/x} → {@code https://host/x}). */
    public static String withoutCredentials(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null || uri.getHost() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
        }
    }

    /**
     * Checks out {@code commit} of {@code repo} into {@code dest}, HEAD detached there. {@code dest} must not exist
     * or be empty; on failure it is left as it was found.
     *
     * @return {@code dest}
     * @throws MissingCommitException when the repository does not have the commit
     * @throws RepoException          when the repository cannot be read, cloned or checked out
     */
    public Path checkout(RepoRef repo, String commit, Path dest) throws RepoException {
        String shown = withoutCredentials(repo.spec());
        boolean existed = Files.isDirectory(dest);
        try {
            if (existed) {
                try (Stream<Path> entries = Files.list(dest)) {
                    if (entries.findAny().isPresent()) {
                        throw new RepoException(repo, "cannot check out " + shown + " into " + dest
                                + ": the directory is not empty", null);
                    }
                }
            }
        } catch (IOException e) {
            throw new RepoException(repo, "cannot check out " + shown + " into " + dest + ": " + e.getMessage(), e);
        }
        Path gitDir = source(repo, commit);
        try (Repository source = open(gitDir)) {
            ObjectId id = resolveCommit(source, commit);
            if (id == null) {
                throw new MissingCommitException(repo, commit, missingCommitAdvice(repo, source));
            }
            new CommitCopy(source).write(id, dest);
            return dest;
        } catch (GitAPIException | IOException e) {
            try {
                FileTrees.delete(dest);
                if (existed) {
                    Files.createDirectories(dest);
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new RepoException(repo, "cannot check out " + shown + " at " + commit + " into " + dest + ": "
                    + scrub(e.getMessage()), e);
        }
    }

    /**
     * The git directory to read {@code repo} from: a local repository itself, or the cache's bare mirror of a remote
     * one, cloned if absent and fetched if it lacks {@code commit}.
     */
    Path source(RepoRef repo, String commit) throws RepoException {
        Path local = localPath(repo);
        if (local != null) {
            File gitDir = RepositoryCache.FileKey.resolve(local.toFile(), FS.DETECTED);
            if (gitDir == null) {
                throw new RepoException(repo, local + " is not a git repository (neither a working copy nor a bare"
                        + " repository)", null);
            }
            return gitDir.toPath();
        }
        String key = cacheKey(repo);
        Path mirror = cacheDir.resolve(key);
        synchronized (mirrorLocks.computeIfAbsent(key, k -> new Object())) {
            String url = remoteUrl(repo);
            if (!Files.isDirectory(mirror)) {
                cloneMirror(repo, url, mirror);
            }
            try (Repository git = open(mirror)) {
                if (resolveCommit(git, commit) == null) {
                    fetch(repo, git, url);
                }
                return mirror;
            } catch (IOException e) {
                throw new RepoException(repo, "cannot read the mirror of " + withoutCredentials(url) + " at " + mirror
                        + ": " + scrub(e.getMessage()), e);
            }
        }
    }

    /** The directory of a repository given as a local path or {@code file:} URL, or null for a remote one. */
    private static Path localPath(RepoRef repo) {
        if (repo.spec().startsWith("file:")) {
            return Path.of(URI.create(repo.spec())).toAbsolutePath().normalize();
        }
        return repo.isUrl() || repo.isOwnerName() ? null : Path.of(repo.spec()).toAbsolutePath().normalize();
    }

    private static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

    private static String missingCommitAdvice(RepoRef repo, Repository source) throws IOException {
        if (localPath(repo) == null) {
            return "fetched all branches and tags and it is still missing";
        }
        String where = source.isBare() ? source.getDirectory().toString() : source.getWorkTree().toString();
        if (!source.getObjectDatabase().getShallowCommits().isEmpty()) {
            return "it is a shallow clone (CI checkouts usually are); fetch the commit into it (git -C " + where
                    + " fetch --depth 1 origin COMMIT) or deepen it (git -C " + where + " fetch --unshallow)";
        }
        return "fetch the commit into it first (git -C " + where + " fetch origin), or give the URL of a repository"
                + " that has it";
    }

    private void fetch(RepoRef repo, Repository mirror, String url) throws RepoException {
        List<String> refSpecs = List.of("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*");
        try (Git git = new Git(mirror)) {
            git.fetch().setRemote(url).setRefSpecs(refSpecs.stream().map(RefSpec::new).toList()).call();
        } catch (GitAPIException | RuntimeException jgitFailure) {
            try {
                List<String> args = new ArrayList<>(List.of("--git-dir=" + mirror.getDirectory(), "fetch", url));
                args.addAll(refSpecs);
                GitCli.run(cacheDir, args);
            } catch (IOException cliFailure) {
                throw new RepoException(repo, "cannot fetch " + withoutCredentials(url) + ": "
                        + scrub(jgitFailure.getMessage()) + "; git: " + scrub(cliFailure.getMessage()), cliFailure);
            }
        }
    }

    private void cloneMirror(RepoRef repo, String url, Path mirror) throws RepoException {
        Path partial = mirror.resolveSibling(mirror.getFileName() + ".partial");
        try {
            Files.createDirectories(cacheDir);
            FileTrees.delete(partial);
            try (Git ignored = Git.cloneRepository().setURI(url).setDirectory(partial.toFile()).setBare(true)
                    .setMirror(true).call()) {
                // Cloned; moved into place below so a crash never leaves a half mirror under the real name.
            } catch (GitAPIException | RuntimeException jgitFailure) {
                // JGit's transport gives up on some servers and repositories git itself reads; try git.
                FileTrees.delete(partial);
                try {
                    GitCli.run(cacheDir, List.of("clone", "--quiet", "--mirror", url, partial.toString()));
                } catch (IOException cliFailure) {
                    cliFailure.addSuppressed(jgitFailure);
                    throw new IOException("JGit: " + jgitFailure.getMessage() + "; git: " + cliFailure.getMessage(),
                            cliFailure);
                }
            }
            forgetCredentials(partial, url);
            try {
                Files.move(partial, mirror, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, mirror);
            }
        } catch (IOException e) {
            try {
                FileTrees.delete(partial);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new RepoException(repo, "cannot clone " + withoutCredentials(repo.spec()) + " from "
                    + withoutCredentials(url) + ": " + scrub(e.getMessage()), e);
        }
    }

    /** The mirror's config keeps the URL for the record, without credentials (fetches are given the full URL). */
    private static void forgetCredentials(Path mirror, String url) throws IOException {
        try (Repository repository = open(mirror)) {
            StoredConfig config = repository.getConfig();
            for (String remote : config.getSubsections(ConfigConstants.CONFIG_REMOTE_SECTION)) {
                config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, remote, ConfigConstants.CONFIG_KEY_URL,
                        withoutCredentials(url));
            }
            config.save();
        }
    }

    /** Removes credentials from URLs inside a message (git and JGit quote the URL they failed on). */
    private static String scrub(String message) {
        return message == null ? "" : message.replaceAll("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@", "$1");
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
            normalized = withoutCredentials(remoteUrl(repo)).toLowerCase(Locale.ROOT);
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
}

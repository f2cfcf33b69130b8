package dev.quorum.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.RepoRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoCacheTest {

    private static final PersonIdent ME = new PersonIdent("Test", "test@example.invalid",
            Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path work;
    private String first;
    private String second;

    @BeforeEach
    void createSourceRepository() throws Exception {
        work = tmp.resolve("src/widget");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            git.getRepository().getConfig().setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null,
                    ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
            first = commit(git, "Widget.java", "class Widget {\r\n  int size = 1;\r\n}\r\n", "first");
            second = commit(git, "Widget.java", "class Widget {\r\n  int size = 2;\r\n}\r\n", "second");
        }
    }

    private String commit(Git git, String file, String content, String message) throws IOException, GitAPIException {
        Path path = git.getRepository().getWorkTree().toPath().resolve(file);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        git.add().addFilepattern(file).call();
        return git.commit().setMessage(message).setAuthor(ME).setCommitter(ME).setSign(false).call().name();
    }

    private static String read(Path checkout) throws IOException {
        return Files.readString(checkout.resolve("Widget.java"), StandardCharsets.UTF_8);
    }

    private static String head(Path checkout) throws IOException {
        try (Repository repo = Git.open(checkout.toFile()).getRepository()) {
            assertThat(repo.getFullBranch()).as("HEAD is detached").isEqualTo(repo.resolve("HEAD").name());
            return repo.resolve("HEAD").name();
        }
    }

    @Test
    void checksOutOwnerNameFromTheGitHostBaseUrl() throws Exception {
        Path host = tmp.resolve("host");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(host.resolve("acme/widget.git").toFile())
                .setBare(true).call().close();
        RepoCache cache = new RepoCache(tmp.resolve("cache"), host.toUri().toString());
        RepoRef ref = new RepoRef("acme/widget");

        Path dest = cache.checkout(ref, first, tmp.resolve("instances/one"));

        assertThat(cache.remoteUrl(ref)).isEqualTo(host.toUri() + "acme/widget.git");
        assertThat(read(dest)).isEqualTo("class Widget {\r\n  int size = 1;\r\n}\r\n");
        assertThat(head(dest)).isEqualTo(first);
        assertThat(dest.resolve(".git")).isDirectory();
        assertThat(tmp.resolve("cache")).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".git"));
    }

    @Test
    void checksOutFromALocalWorkingCopyAndFetchesNewCommitsOnlyWhenNeeded() throws Exception {
        RepoCache cache = new RepoCache(tmp.resolve("cache"));
        RepoRef ref = new RepoRef(work.toString());

        Path one = cache.checkout(ref, first, tmp.resolve("a"));
        String third;
        try (Git git = Git.open(work.toFile())) {
            third = commit(git, "Widget.java", "class Widget {}\n", "third");
        }
        Path two = cache.checkout(ref, third.substring(0, 10), tmp.resolve("b"));
        Path three = cache.checkout(ref, second, tmp.resolve("c"));

        assertThat(head(one)).isEqualTo(first);
        assertThat(head(two)).isEqualTo(third);
        assertThat(read(two)).isEqualTo("class Widget {}\n");
        assertThat(read(three)).contains("size = 2");
    }

    @Test
    void checksOutFromABareMirrorGivenAsFileUrl() throws Exception {
        Path mirror = tmp.resolve("mirror.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(mirror.toFile()).setBare(true)
                .setMirror(true).call().close();
        RepoCache cache = new RepoCache(tmp.resolve("cache"));

        Path dest = cache.checkout(new RepoRef(mirror.toUri().toString()), second, tmp.resolve("x"));

        assertThat(head(dest)).isEqualTo(second);
        assertThat(read(dest)).contains("size = 2");
    }

    @Test
    void missingCommitIsATypedErrorNamingRepoAndCommit() {
        RepoCache cache = new RepoCache(tmp.resolve("cache"));
        RepoRef ref = new RepoRef(work.toString());
        String absent = "0123456789abcdef0123456789abcdef01234567";

        assertThatThrownBy(() -> cache.checkout(ref, absent, tmp.resolve("x")))
                .isInstanceOfSatisfying(MissingCommitException.class, e -> {
                    assertThat(e.repo()).isEqualTo(ref);
                    assertThat(e.commit()).isEqualTo(absent);
                })
                .hasMessageContaining(work.toString()).hasMessageContaining(absent);
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void unreachableRepositoryIsARepoException() {
        RepoCache cache = new RepoCache(tmp.resolve("cache"), tmp.resolve("nohost").toUri().toString());

        assertThatThrownBy(() -> cache.checkout(new RepoRef("acme/missing"), first, tmp.resolve("x")))
                .isInstanceOf(RepoException.class)
                .isNotInstanceOf(MissingCommitException.class)
                .hasMessageContaining("acme/missing");
        assertThat(tmp.resolve("cache")).isEmptyDirectory();
    }

    @Test
    void refusesANonEmptyDestination() throws IOException {
        RepoCache cache = new RepoCache(tmp.resolve("cache"));
        Path dest = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dest.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> cache.checkout(new RepoRef(work.toString()), first, dest))
                .isInstanceOf(RepoException.class).hasMessageContaining("not empty");
        assertThat(dest.resolve("keep.txt")).hasContent("mine");
    }

    /**
     * A bare repository whose history holds a blob that is gone (as partial clones and trimmed mirrors have):
     * {@code second} on main, plus a side branch whose commit adds {@code big.bin}, whose object file is deleted.
     */
    private Path bareRepositoryMissingABlobOutside(String commitToKeep) throws Exception {
        Path bare = tmp.resolve("trimmed.git");
        try (Git git = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call()) {
            git.fetch().setRemote(work.toUri().toString())
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("+refs/heads/*:refs/heads/*")).call();
        }
        try (Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(bare.toFile())
                .build(); org.eclipse.jgit.lib.ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId keep = repo.resolve(commitToKeep);
            ObjectId big = inserter.insert(Constants.OBJ_BLOB, "large binary blob".getBytes(StandardCharsets.UTF_8));
            org.eclipse.jgit.lib.TreeFormatter tree = new org.eclipse.jgit.lib.TreeFormatter();
            tree.append("big.bin", org.eclipse.jgit.lib.FileMode.REGULAR_FILE, big);
            org.eclipse.jgit.lib.CommitBuilder side = new org.eclipse.jgit.lib.CommitBuilder();
            side.setTreeId(inserter.insert(tree));
            side.setParentId(keep);
            side.setAuthor(ME);
            side.setCommitter(ME);
            side.setMessage("side: a large file");
            ObjectId sideId = inserter.insert(side);
            inserter.flush();
            org.eclipse.jgit.lib.RefUpdate update = repo.updateRef("refs/heads/side");
            update.setNewObjectId(sideId);
            update.forceUpdate();
            Path loose = bare.resolve("objects").resolve(big.name().substring(0, 2)).resolve(big.name().substring(2));
            Files.delete(loose);
        }
        return bare;
    }

    @Test
    void aBareRepositoryMissingABlobOutsideTheCommitChecksOutLikeACompleteOne() throws Exception {
        Path bare = bareRepositoryMissingABlobOutside(second);
        // What broke before: JGit's clone walks every object of every branch and fails on the missing blob.
        assertThatThrownBy(() -> Git.cloneRepository().setURI(bare.toUri().toString())
                .setDirectory(tmp.resolve("jgit-clone").toFile()).setCloneAllBranches(true).call().close())
                .isInstanceOf(Exception.class);
        RepoCache cache = new RepoCache(tmp.resolve("cache"));

        Path byPath = cache.checkout(new RepoRef(bare.toString()), second, tmp.resolve("by-path"));
        Path byUrl = cache.checkout(new RepoRef(bare.toUri().toString()), first, tmp.resolve("by-url"));

        assertThat(head(byPath)).isEqualTo(second);
        assertThat(read(byPath)).isEqualTo("class Widget {\r\n  int size = 2;\r\n}\r\n");
        assertThat(read(byUrl)).contains("size = 1");
        assertThat(tmp.resolve("cache")).doesNotExist(); // a local repository is read in place, never mirrored
        // The checkout is a repository git itself accepts: shallow at the commit, clean, and patches apply 3-way.
        assertThat(git(byPath, "rev-parse", "--is-shallow-repository")).isEqualTo("true");
        assertThat(git(byPath, "status", "--porcelain")).isEmpty();
        assertThat(git(byPath, "fsck", "--no-progress")).doesNotContain("missing");
        Files.writeString(byPath.resolve("fix.diff"), "--- a/Widget.java\n+++ b/Widget.java\n@@ -1,3 +1,3 @@\n"
                + " class Widget {\r\n-  int size = 2;\r\n+  int size = 3;\r\n }\r\n");
        git(byPath, "apply", "--3way", "fix.diff");
        assertThat(read(byPath)).contains("size = 3");
    }

    @Test
    void aMissingBlobInsideTheCommitsOwnTreeIsNamedWithWhatToDo() throws Exception {
        Path bare = bareRepositoryMissingABlobOutside(second);
        String side;
        try (Repository repo = Git.open(bare.toFile()).getRepository()) {
            side = repo.resolve("side").name();
        }
        RepoCache cache = new RepoCache(tmp.resolve("cache"));

        assertThatThrownBy(() -> cache.checkout(new RepoRef(bare.toString()), side, tmp.resolve("x")))
                .isInstanceOf(RepoException.class).isNotInstanceOf(MissingCommitException.class)
                .hasMessageContaining("big.bin").hasMessageContaining("commit's own tree");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void aShallowCiCheckoutIsARepositoryAndAnOlderCommitIsMissingWithAdvice() throws Exception {
        Path shallow = tmp.resolve("ci/widget");
        git(tmp, "clone", "--quiet", "--depth", "1", work.toUri().toString(), shallow.toString());
        RepoCache cache = new RepoCache(tmp.resolve("cache"));
        RepoRef ref = RepoRef.fromUserInput(shallow.toString());

        Path dest = cache.checkout(ref, second, tmp.resolve("checkout"));

        assertThat(head(dest)).isEqualTo(second);
        assertThat(read(dest)).contains("size = 2");
        assertThatThrownBy(() -> cache.checkout(ref, first, tmp.resolve("old")))
                .isInstanceOf(MissingCommitException.class)
                .hasMessageContaining("has no commit " + first)
                .hasMessageContaining("shallow clone")
                .hasMessageContaining("fetch --depth 1 origin");
        assertThat(tmp.resolve("old")).doesNotExist();
    }

    @Test
    void credentialsInAUrlAreNeverPartOfCacheNamesOrMessages() {
        RepoCache cache = new RepoCache(tmp.resolve("cache"), tmp.resolve("nohost").toUri().toString());
        RepoRef secret = new RepoRef("https://bot:ghp_s3cr3tToken@127.0.0.1:9/acme/widget.git");

        assertThat(RepoCache.withoutCredentials(secret.spec())).isEqualTo("https://127.0.0.1:9/acme/widget.git");
        assertThat(RepoCache.withoutCredentials("git@github.com:acme/widget.git"))
                .isEqualTo("git@github.com:acme/widget.git");
        assertThat(cache.cacheKey(secret)).doesNotContain("s3cr3t").doesNotContain("bot")
                .isEqualTo(cache.cacheKey(new RepoRef("https://127.0.0.1:9/acme/widget.git")));
        assertThatThrownBy(() -> cache.checkout(secret, first, tmp.resolve("x")))
                .isInstanceOf(RepoException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").contains("127.0.0.1:9"));
    }

    /**
     * Serves {@code gitDir} (loose objects) over Git's dumb HTTP protocol at {@code /acme/widget.git}, to a client
     * that sends {@code user:password} by basic auth; anything else gets the 401 challenge a real host sends.
     */
    private static com.sun.net.httpserver.HttpServer dumbGitServer(Path gitDir, String user, String password)
            throws IOException {
        String expected = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/acme/widget.git/", exchange -> {
            try (exchange) {
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                String path = exchange.getRequestURI().getPath().substring("/acme/widget.git/".length());
                byte[] body;
                if (path.equals("info/refs")) {
                    StringBuilder refs = new StringBuilder();
                    try (Repository repo = Git.open(gitDir.toFile()).getRepository()) {
                        for (var ref : repo.getRefDatabase().getRefsByPrefix("refs/")) {
                            refs.append(ref.getObjectId().name()).append('\t').append(ref.getName()).append('\n');
                        }
                    }
                    body = refs.toString().getBytes(StandardCharsets.UTF_8);
                } else if (path.equals("objects/info/packs")) {
                    body = new byte[0];
                } else if (Files.isRegularFile(gitDir.resolve(path))) {
                    body = Files.readAllBytes(gitDir.resolve(path));
                } else {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    @Test
    void credentialsInAnHttpUrlCloneAndFetchButAreNeverStored() throws Exception {
        var server = dumbGitServer(work.resolve(".git"), "bot", "s3cr3tToken");
        try {
            RepoRef ref = new RepoRef("http://bot:s3cr3tToken@127.0.0.1:" + server.getAddress().getPort()
                    + "/acme/widget.git");
            RepoCache cache = new RepoCache(tmp.resolve("cache"));

            Path one = cache.checkout(ref, first, tmp.resolve("one"));
            String third;
            try (Git git = Git.open(work.toFile())) {
                third = commit(git, "Widget.java", "class Widget {}\n", "third");
            }
            Path two = cache.checkout(ref, third, tmp.resolve("two")); // fetched with the credentials again

            assertThat(read(one)).contains("size = 1");
            assertThat(head(two)).isEqualTo(third);
            for (Path stored : List.of(tmp.resolve("cache"), one, two)) {
                try (Stream<Path> files = Files.walk(stored)) {
                    for (Path file : files.toList()) {
                        assertThat(file.toString()).doesNotContain("s3cr3t").doesNotContain("bot");
                        if (Files.isRegularFile(file)) {
                            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                                    .as(file.toString()).doesNotContain("s3cr3t");
                        }
                    }
                }
            }
            try (Stream<Path> mirrors = Files.list(tmp.resolve("cache"))) {
                Path mirror = mirrors.findFirst().orElseThrow();
                assertThat(Files.readString(mirror.resolve("config")))
                        .contains("url = http://127.0.0.1:" + server.getAddress().getPort() + "/acme/widget.git");
            }
        } finally {
            server.stop(0);
        }
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("git", "-c", "core.autocrlf=false"));
        argv.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    @Test
    void cacheKeysAreStableAndDistinct() {
        RepoCache cache = new RepoCache(tmp.resolve("cache"));
        assertThat(cache.cacheKey(new RepoRef("acme/widget")))
                .isEqualTo(cache.cacheKey(new RepoRef("https://github.com/acme/widget.git")))
                .isEqualTo(cache.cacheKey(new RepoRef("https://github.com/Acme/Widget/")))
                .isNotEqualTo(cache.cacheKey(new RepoRef("acme/widget2")))
                .startsWith("github.com_acme_widget-");
    }
}

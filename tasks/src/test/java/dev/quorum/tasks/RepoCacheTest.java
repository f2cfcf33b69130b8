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
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
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

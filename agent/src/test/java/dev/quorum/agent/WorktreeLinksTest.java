package dev.quorum.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Committed symbolic links in a real Git repository: links inside the repository keep working, links that lead
 * out (directly, by {@code ..}, or through a chain of links) become plain files, and no path leaves the worktree.
 */
class WorktreeLinksTest {
    static final String MARKER = "host-file-marker-4d1f0c2e";

    @TempDir
    Path dir;
    Path outside;
    Worktree.Base base;
    Worktree worktree;

    @BeforeEach
    void repo() throws Exception {
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), MARKER);
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("src/main/java/a"));
        Files.createDirectories(repo.resolve("sub"));
        Files.writeString(repo.resolve("src/main/java/a/Foo.java"), "package a;\nclass Foo {}\n");
        Files.createSymbolicLink(repo.resolve("absolute"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(repo.resolve("dir-out"), outside);
        Files.createSymbolicLink(repo.resolve("sub/dotdot"), Path.of("../../outside/secret.txt"));
        Files.createSymbolicLink(repo.resolve("code"), Path.of("src/main/java"));
        // Each lexically inside; together they reach the worktree's parent ("d" is the root, so d/.. is above it).
        Files.createSymbolicLink(repo.resolve("sub/d"), Path.of(".."));
        Files.createSymbolicLink(repo.resolve("sub/chain"), Path.of("d/../planted.txt"));
        String commit = TestRepos.commitAll(repo);
        base = Worktree.Base.open(repo, commit);
        Path wtDir = dir.resolve("worktrees").resolve("0");
        // What the chain would reach: a file next to the worktree.
        Files.createDirectories(wtDir.getParent());
        Files.writeString(wtDir.getParent().resolve("planted.txt"), MARKER);
        worktree = Worktree.create(base, wtDir);
    }

    @AfterEach
    void close() {
        base.close();
    }

    @Test
    void linksLeadingOutBecomePlainFilesHoldingTheirTarget() throws Exception {
        assertThat(worktree.linksOutside()).containsExactlyInAnyOrder("absolute", "dir-out", "sub/dotdot", "sub/chain");
        for (String link : worktree.linksOutside()) {
            Path file = worktree.dir().resolve(link);
            assertThat(Files.isSymbolicLink(file)).as(link).isFalse();
            assertThat(Files.readString(file)).as(link).doesNotContain(MARKER);
        }
        assertThat(Files.readString(worktree.dir().resolve("absolute"))).isEqualTo(outside.resolve("secret.txt").toString());
        assertThat(Files.readString(worktree.dir().resolve("sub/chain"))).isEqualTo("d/../planted.txt");
        // Links inside stay links and still work.
        assertThat(Files.isSymbolicLink(worktree.dir().resolve("code"))).isTrue();
        assertThat(Files.isSymbolicLink(worktree.dir().resolve("sub/d"))).isTrue();
        assertThat(new String(worktree.read(worktree.resolve("code/a/Foo.java"), 1 << 20), StandardCharsets.UTF_8))
                .contains("class Foo");
        assertThat(worktree.resolve("code/a/Foo.java")).isEqualTo(worktree.dir().resolve("src/main/java/a/Foo.java"));
        // Links kept as committed are no change of the trajectory's.
        assertThat(worktree.diff().source().isEmpty()).isTrue();
    }

    @Test
    void noPathLeavesTheRealRoot() {
        // ".." is taken lexically, before links: the OS would climb out of sub/d (the root); this stays inside.
        assertThat(worktree.resolve("sub/d/../x")).isEqualTo(worktree.dir().resolve("sub/x"));
        assertThat(worktree.resolve("sub/d/sub/d/sub/d")).isEqualTo(worktree.dir());
        assertThatThrownBy(() -> worktree.resolveForWrite("absolute"))
                .isInstanceOf(ToolError.class).hasMessageContaining("leads outside");
        assertThatThrownBy(() -> worktree.resolve("/etc/passwd")).isInstanceOf(ToolError.class);
        assertThat(worktree.resolve("sub/d/src/main/java/a/Foo.java"))
                .isEqualTo(worktree.dir().resolve("src/main/java/a/Foo.java"));
    }

    @Test
    void aLinkMadeLaterOutsideTheToolsIsRefusedAtUse() throws Exception {
        // E.g. written by something else on the host after the worktree was made: checked when used, not only at creation.
        Files.createSymbolicLink(worktree.dir().resolve("late"), outside);
        Files.createSymbolicLink(worktree.dir().resolve("dangling"), Path.of("nowhere/at/all"));
        assertThatThrownBy(() -> worktree.resolve("late/secret.txt"))
                .isInstanceOf(ToolError.class).hasMessageContaining("late, which leads outside the repository");
        assertThatThrownBy(() -> worktree.resolve("dangling/new.txt"))
                .isInstanceOf(ToolError.class).hasMessageContaining("points at nothing");
        // The last component opened without following links.
        Path late = worktree.dir().resolve("late2");
        Files.createSymbolicLink(late, outside.resolve("secret.txt"));
        assertThatThrownBy(() -> worktree.read(late, 1 << 20)).isInstanceOf(ToolError.class);
        assertThatThrownBy(() -> worktree.write(late, "x".getBytes(StandardCharsets.UTF_8))).isInstanceOf(ToolError.class);
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo(MARKER);
        assertThat(Files.exists(late, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}

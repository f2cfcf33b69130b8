package dev.quorum.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.Patch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quorum solve --apply}: the chosen patch goes into a clean working copy, and never into a dirty one. */
class WorkingCopyTest {
    @TempDir
    Path repo;

    private void commitFile(String content) throws Exception {
        Files.writeString(repo.resolve("a.txt"), content);
        try (Git git = Files.isDirectory(repo.resolve(".git")) ? Git.open(repo.toFile())
                : Git.init().setDirectory(repo.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("c").setAuthor("t", "t@t.invalid").setCommitter("t", "t@t.invalid")
                    .setSign(false).call();
        }
    }

    private static final Patch PATCH = Patch.ofText("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+TWO\n");

    @Test
    void appliesToACleanWorkingCopy() throws Exception {
        commitFile("one\ntwo\n");
        WorkingCopy.requireClean(repo);
        WorkingCopy.apply(repo, PATCH);
        assertThat(Files.readString(repo.resolve("a.txt"))).isEqualTo("one\nTWO\n");
    }

    @Test
    void refusesADirtyWorkingCopyAndSaysHowToOverride() throws Exception {
        commitFile("one\ntwo\n");
        Files.writeString(repo.resolve("a.txt"), "one\ntwo\nmine\n");
        assertThatThrownBy(() -> WorkingCopy.requireClean(repo)).hasMessageContaining("uncommitted changes")
                .hasMessageContaining("a.txt").hasMessageContaining("--allow-dirty");
        assertThat(Files.readString(repo.resolve("a.txt"))).isEqualTo("one\ntwo\nmine\n");
    }

    @Test
    void aPatchThatNoLongerAppliesChangesNothing() throws Exception {
        commitFile("uno\ndos\n");
        assertThatThrownBy(() -> WorkingCopy.apply(repo, PATCH)).hasMessageContaining("no longer applies");
        assertThat(Files.readString(repo.resolve("a.txt"))).isEqualTo("uno\ndos\n");
    }
}

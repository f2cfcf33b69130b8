package dev.quorum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patch applied to a commit's tree in the object store: stored when asked, only checked otherwise. */
class TreePatchTest {
    @TempDir
    Path tmp;

    private String commit() throws Exception {
        try (Git git = Git.init().setDirectory(tmp.toFile()).setInitialBranch("main").call()) {
            Path source = tmp.resolve("src/main/java/a/Parser.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package a;\nclass Parser {\n}\n");
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("parser").setSign(false).call().getName();
        }
    }

    private static final Patch ADD_TEST = Patch.newFile("src/test/java/a/ParserTest.java", "class ParserTest {\n}\n");

    @Test
    void theStoredTreeHoldsThePatchedFiles() throws Exception {
        String commit = commit();
        try (Git git = Git.open(tmp.toFile()); RevWalk walk = new RevWalk(git.getRepository());
             ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            Repository repo = git.getRepository();
            ObjectId tree = TreePatch.apply(repo, walk.parseCommit(repo.resolve(commit)).getTree(), ADD_TEST, inserter,
                    "the test patch", commit);
            inserter.flush();
            try (TreeWalk file = TreeWalk.forPath(repo, "src/test/java/a/ParserTest.java", tree)) {
                assertThat(new String(repo.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("class ParserTest {\n}\n");
            }
            assertThat(TreeWalk.forPath(repo, "src/main/java/a/Parser.java", tree)).isNotNull();
        }
        assertThat(tmp.resolve("src/test/java/a/ParserTest.java")).doesNotExist();
    }

    @Test
    void aCheckStoresNothingAndAStalePatchIsNamed() throws Exception {
        String commit = commit();
        long before = objectFiles();
        TreePatch.requireApplies(tmp, commit, ADD_TEST, "the test patch");
        assertThat(objectFiles()).isEqualTo(before);

        Patch stale = Patch.ofText("""
                diff --git a/src/main/java/a/Parser.java b/src/main/java/a/Parser.java
                --- a/src/main/java/a/Parser.java
                +++ b/src/main/java/a/Parser.java
                @@ -1,3 +1,3 @@
                 package a;
                -class Lexer {
                +class Parser2 {
                 }
                """);
        assertThatThrownBy(() -> TreePatch.requireApplies(tmp, commit, stale, "the test patch (--test-patch)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the test patch (--test-patch) does not apply to commit " + commit)
                .hasMessageContaining("src/main/java/a/Parser.java").hasMessageEndingWith("(git diff)");
    }

    private long objectFiles() throws Exception {
        try (var files = Files.walk(tmp.resolve(".git/objects"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}

package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: without a model (none is configured where the tests run) and without a failing test, {@code quorum
 * solve} says in one message what to provide, before any sandbox work; asking for trajectories says how to configure
 * a model.
 */
class SolveWithoutModelUsageTest {
    @TempDir
    Path tmp;

    @Test
    void noModelAndNothingNamingTheBugSaysWhatToProvide() {
        Cli cli = Cli.run("solve", "--repo", tmp.toString(), "--runs-dir", tmp.resolve("runs").toString());

        assertThat(cli.exit()).isNotZero();
        assertThat(cli.err()).contains("nothing says what to fix", "--failing-test ID", "--test-patch FILE",
                "--issue FILE");
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void trajectoriesAloneNeedAModel() {
        Cli cli = Cli.run("solve", "--repo", tmp.toString(), "--issue-text", "x", "--engines", "llm",
                "--runs-dir", tmp.resolve("runs").toString());

        assertThat(cli.exit()).isNotZero();
        assertThat(cli.err()).contains("--engines llm needs a model", "QUORUM_MODEL");
    }

    @Test
    void anUnknownEngineIsNamed() {
        Cli cli = Cli.run("solve", "--repo", tmp.toString(), "--failing-test", "a.BTest#c", "--engines", "repair,magic",
                "--runs-dir", tmp.resolve("runs").toString());

        assertThat(cli.exit()).isNotZero();
        assertThat(cli.err()).contains("unknown engine 'magic'", "llm, repair or llm,repair");
    }

    @Test
    void aRepairBudgetBelowOneIsNamed() {
        Cli cli = Cli.run("solve", "--repo", tmp.toString(), "--failing-test", "a.BTest#c", "--repair-candidates", "0",
                "--runs-dir", tmp.resolve("runs").toString());

        assertThat(cli.exit()).isNotZero();
        assertThat(cli.err()).contains("--repair-candidates must be at least 1, not 0");
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void aTestPatchThatDoesNotApplyIsNamedBeforeAnySandboxWork() throws Exception {
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Path source = repo.resolve("src/main/java/com/acme/Parser.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package com.acme;\nclass Parser {\n}\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("parser").setSign(false).call();
        }
        Path stale = Files.writeString(tmp.resolve("tests.diff"), """
                diff --git a/src/test/java/com/acme/ParserTest.java b/src/test/java/com/acme/ParserTest.java
                --- a/src/test/java/com/acme/ParserTest.java
                +++ b/src/test/java/com/acme/ParserTest.java
                @@ -1,2 +1,2 @@
                 class ParserTest {
                -    void old() { }
                +    void parsesEmpty() { }
                """);
        Cli cli = Cli.run("solve", "--repo", repo.toString(), "--test-patch", stale.toString(), "--engines", "repair",
                "--runs-dir", tmp.resolve("runs").toString());

        assertThat(cli.exit()).isNotZero();
        assertThat(cli.err()).contains("the test patch (--test-patch) does not apply to commit",
                "make it against that commit");
        assertThat(cli.err()).doesNotContain("env image");
    }
}

package dev.quorum.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.quorum.core.Issue;
import dev.quorum.core.RepoRef;
import dev.quorum.localization.CodeSearch;
import dev.quorum.model.ToolCall;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools on a worktree of a small repository with a CRLF file; commands run in a local-process sandbox. */
class ToolsTest {
    @TempDir
    Path dir;
    Worktree.Base base;
    Worktree worktree;
    SandboxProvider provider = Sandboxes.local();
    SandboxSession session;
    Tools tools;

    @BeforeEach
    void repo() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("src/main/java/a"));
        Files.writeString(repo.resolve("src/main/java/a/Foo.java"), "package a;\r\nclass Foo {\r\n  int x = 1;\r\n  int y = 1;\r\n}\r\n");
        Files.writeString(repo.resolve("README.md"), "twice\ntwice\n");
        Files.write(repo.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xFF, (byte) 0xFE, 0});
        String commit;
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            git.getRepository().getConfig().setBoolean("core", null, "autocrlf", false);
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("base").setAuthor("t", "t@t").setCommitter("t", "t@t").call().getName();
        }
        base = Worktree.Base.open(repo, commit);
        worktree = Worktree.create(base, dir.resolve("wt"));
        session = new SandboxSession(provider, SandboxSpec.of("local"), worktree, new SandboxSession.Slots(1));
        AgentRequest request = new AgentRequest(repo, commit, new Issue("", "x", ""), null, null, "local", 1,
                AgentRequest.Limits.defaults(), dir.resolve("run"));
        tools = new Tools(worktree, session, TestRunner.maven(), request, dev.quorum.core.Redactor.patternsOnly(),
                CodeSearch.bm25(new RepoRef(repo.toString()), commit));
    }

    @AfterEach
    void close() {
        session.close();
        base.close();
        provider.close();
    }

    private Tools.Result call(String name, String json) {
        return tools.execute(new ToolCall("1", name, json));
    }

    @Test
    void strReplaceNeedsExactlyOneMatchAndKeepsCrlf() {
        assertThat(call("str_replace", "{\"path\":\"src/main/java/a/Foo.java\",\"old_str\":\"int z\",\"new_str\":\"q\"}"))
                .satisfies(r -> assertThat(r.error()).isTrue())
                .satisfies(r -> assertThat(r.output()).contains("not found"));
        assertThat(call("str_replace", "{\"path\":\"src/main/java/a/Foo.java\",\"old_str\":\" = 1;\",\"new_str\":\"q\"}").output())
                .contains("occurs 2 times");
        Tools.Result ok = call("str_replace",
                "{\"path\":\"src/main/java/a/Foo.java\",\"old_str\":\"int x = 1;\\n  int y\",\"new_str\":\"int x = 2;\\n  int y\"}");
        assertThat(ok.error()).isFalse();
        assertThat(ok.output()).contains("int x = 2;");

        Worktree.Diff diff = worktree.diff();
        assertThat(diff.source().text()).contains("-  int x = 1;\r\n+  int x = 2;\r\n");
        assertThat(diff.tests().isEmpty()).isTrue();
    }

    @Test
    void badArgumentsUnknownToolsAndEscapesAreObservationsNotCrashes() {
        assertThat(call("view", "{not json").output()).startsWith("ERROR: arguments are not valid JSON");
        assertThat(call("view", "{}").output()).contains("missing argument 'path'");
        assertThat(call("view", "{\"path\":\"../../etc/passwd\"}").output()).contains("outside the repository");
        assertThat(call("fly", "{}").output()).contains("unknown tool 'fly'");
        assertThat(call("create_file", "{\"path\":\"README.md\",\"content\":\"x\"}").output()).contains("exists");
    }

    @Test
    void newTestFilesGoToTheTestsPatchAndCommandsSeeEdits() {
        call("create_file", "{\"path\":\"src/test/java/a/FooTest.java\",\"content\":\"package a;\\nclass FooTest {}\\n\"}");
        call("str_replace", "{\"path\":\"README.md\",\"old_str\":\"twice\\ntwice\",\"new_str\":\"once\"}");

        Tools.Result cat = call("run_command", "{\"command\":\"cat README.md src/test/java/a/FooTest.java\"}");
        assertThat(cat.output()).startsWith("exit code 0").contains("once").contains("class FooTest");
        call("str_replace", "{\"path\":\"README.md\",\"old_str\":\"once\",\"new_str\":\"thrice\"}");
        assertThat(call("run_command", "{\"command\":\"cat README.md\"}").output()).contains("thrice");

        Worktree.Diff diff = worktree.diff();
        assertThat(diff.source().touchedPaths()).containsExactly("README.md");
        assertThat(diff.tests().touchedPaths()).containsExactly("src/test/java/a/FooTest.java");
    }

    @Test
    void searchFindsTextAndSymbolsAndLongOutputIsCut() {
        assertThat(call("search", "{\"query\":\"int y\"}").output()).contains("src/main/java/a/Foo.java:4:");
        assertThat(call("search", "{\"query\":\"Foo\",\"mode\":\"symbol\"}").output()).contains("Foo.java:2: class Foo {");
        String cut = Tools.truncate("x".repeat(10_000), 1_000);
        assertThat(cut).hasSizeLessThan(1_200).contains("output truncated: 9000 characters left out");
    }

    @Test
    void aBacktrackingRegexIsStoppedAndComesBackAsAToolError() {
        call("create_file", "{\"path\":\"data/as.txt\",\"content\":\"" + "a".repeat(60) + "\\n\"}");
        // Polynomial backtracking of degree 20: without a time limit this search runs for centuries.
        Tools.Result result = assertTimeoutPreemptively(Tools.SEARCH_TIME.multipliedBy(3),
                () -> call("search", "{\"query\":\"(.*a){20}x\"}"));
        assertThat(result.error()).isTrue();
        assertThat(result.output()).contains("search was stopped after", "data/as.txt:1", "backtracks");
        // The tools go on working after it.
        assertThat(call("search", "{\"query\":\"int y\"}").output()).contains("Foo.java:4:");
    }

    @Test
    void ordinaryIoMistakesAreToolErrorsNotCrashes() {
        assertThat(call("view", "{\"path\":\"nothing/here.txt\"}"))
                .satisfies(r -> assertThat(r.error()).isTrue())
                .satisfies(r -> assertThat(r.output()).contains("no file nothing/here.txt"));
        assertThat(call("view", "{\"path\":\"logo.png\"}").output()).contains("logo.png is not UTF-8 text");
        assertThat(call("str_replace", "{\"path\":\"logo.png\",\"old_str\":\"PNG\",\"new_str\":\"GIF\"}").output())
                .contains("not UTF-8 text");
        assertThat(call("str_replace", "{\"path\":\"src/main\",\"old_str\":\"a\",\"new_str\":\"b\"}").output())
                .contains("src/main is a directory");
        assertThat(call("create_file", "{\"path\":\"src/main\",\"content\":\"x\",\"overwrite\":true}").output())
                .startsWith("ERROR: src/main is a directory");
        // A file where a directory is needed: the write fails in the file system, and the model hears why.
        Tools.Result underAFile = call("create_file", "{\"path\":\"README.md/Nested.java\",\"content\":\"x\"}");
        assertThat(underAFile.error()).isTrue();
        assertThat(underAFile.output()).startsWith("ERROR: cannot write README.md/Nested.java").doesNotContain(dir.toString());
        // None of it changed a file, and the tools still work.
        assertThat(worktree.diff().source().isEmpty()).isTrue();
        assertThat(call("view", "{\"path\":\"README.md\"}").output()).contains("twice");
    }

    @Test
    void outputIsRedactedBeforeTheModelSeesIt() {
        String key = "sk-proj-" + "Q1w2E3r4T5y6U7i8O9p0A1s2D3f4";
        call("create_file", "{\"path\":\"conf/app.properties\",\"content\":\"api.key=" + key + "\\n\"}");
        assertThat(call("view", "{\"path\":\"conf/app.properties\"}").output())
                .contains("api.key=[REDACTED]").doesNotContain(key);
        assertThat(call("search", "{\"query\":\"api.key\"}").output()).doesNotContain(key);
    }
}

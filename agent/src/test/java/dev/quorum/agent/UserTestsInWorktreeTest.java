package dev.quorum.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.Issue;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedRequest;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failing test a user gives with {@code quorum solve --test-patch} is in every trajectory's worktree from the
 * start, the task names it, and it is in no trajectory's diff: the candidate is the fix alone. A real JGit repository,
 * the real trajectory runner, the scripted model server standing in for the provider.
 */
class UserTestsInWorktreeTest {
    static final String TEST_FILE = "src/test/java/a/GreeterTest.java";

    @TempDir
    Path tmp;
    final ScriptedModelServer server = ScriptedModelServer.start();
    final SandboxProvider sandboxes = Sandboxes.local();

    @AfterEach
    void stop() {
        server.close();
        sandboxes.close();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theUsersTestIsInTheWorktreeAndNotInTheCandidate() throws Exception {
        Path repo = repository();
        String commit = TestRepos.commitAll(repo);
        Patch userTest = Patch.newFile(TEST_FILE, """
                package a;
                class GreeterTest {
                    @org.junit.jupiter.api.Test
                    void saysHello() { org.junit.jupiter.api.Assertions.assertEquals("hello", new Greeter().hi()); }
                }
                """);
        Scripts.forTrajectory(server, 0,
                Scripts.call("v1", "view", Map.of("path", TEST_FILE)),
                Scripts.call("e1", "str_replace", Map.of("path", "src/main/java/a/Greeter.java", "old_str", "\"hi\"",
                        "new_str", "\"hello\"")),
                Scripts.submit("greets with hello"));

        ModelClient client = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        List<TrajectoryResult> candidates = TrajectoryRunner.create(client, sandboxes, TestRunner.maven())
                .run(new AgentRequest(repo, commit, new Issue("", "Greet with hello", ""), null, null, "local", 1,
                        AgentRequest.Limits.defaults().withMaxSteps(6), tmp.resolve("run"),
                        new AgentRequest.UserTests(userTest, List.of(TestId.parse("a.GreeterTest#saysHello")))));

        TrajectoryResult candidate = candidates.get(0);
        assertThat(candidate.outcome().submitted()).as(candidate.outcome().describe()).isTrue();
        assertThat(candidate.patch().touchedPaths()).containsExactly("src/main/java/a/Greeter.java");
        assertThat(candidate.tests().isEmpty()).as(candidate.tests().text()).isTrue();

        assertThat(server.requests().get(0).body().toString()).contains("The user gave tests that fail now")
                .contains(TEST_FILE).contains("run_tests: a.GreeterTest#saysHello");
        assertThat(server.requests().get(1).lastToolResult()).contains("assertEquals(\"hello\", new Greeter().hi())");
        // The user's repository: no file and no ref added.
        assertThat(repo.resolve(TEST_FILE)).doesNotExist();
        assertThat(server.requests()).extracting(ScriptedRequest::lastToolResult).hasSize(3);
    }

    @Test
    void aTestPatchThatDoesNotApplyIsNamed() throws Exception {
        Path repo = repository();
        String commit = TestRepos.commitAll(repo);
        Patch stale = Patch.ofText("""
                diff --git a/src/main/java/a/Missing.java b/src/main/java/a/Missing.java
                --- a/src/main/java/a/Missing.java
                +++ b/src/main/java/a/Missing.java
                @@ -1 +1 @@
                -old
                +new
                """);
        assertThatThrownBy(() -> Worktree.Base.open(repo, commit, stale))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the test patch does not apply to commit " + commit)
                .hasMessageContaining("make it against that commit");
    }

    private Path repository() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("src/main/java/a"));
        Files.writeString(repo.resolve("src/main/java/a/Greeter.java"),
                "package a;\nclass Greeter {\n  String hi() { return \"hi\"; }\n}\n");
        return repo;
    }
}

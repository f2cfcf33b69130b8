package dev.quorum.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Issue;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedRequest;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;
import java.nio.charset.StandardCharsets;
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
 * The attack of issue 13, end to end: a repository whose committed symbolic links lead to the Quorum process's
 * environment ({@code /proc/self/environ}), to a host file holding a secret, and to a host directory; a model
 * whose first calls read and write through them. The real trajectory runner on a real Git repository, the scripted
 * model server standing in for the provider. Nothing of the host is read or written, the trajectory goes on to
 * submit, and neither its log nor what was sent to the provider holds the secret.
 */
class SymlinkEscapeTest {
    static final String HOST_SECRET = "host-secret-value-7c41e9a2b85d";

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
    void linksOutOfTheRepositoryReachNeitherTheEnvironmentNorTheHost() throws Exception {
        Path host = Files.createDirectories(tmp.resolve("host"));
        Files.writeString(host.resolve("credentials"), "WEBHOOK_SECRET=" + HOST_SECRET + "\n");
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("docs"));
        Files.createDirectories(repo.resolve("src/main/java/a"));
        Files.writeString(repo.resolve("src/main/java/a/Greeter.java"), "package a;\nclass Greeter {\n  String hi() { return \"hi\"; }\n}\n");
        Files.createSymbolicLink(repo.resolve("docs/env"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(repo.resolve("docs/credentials"), host.resolve("credentials"));
        Files.createSymbolicLink(repo.resolve("h"), host);
        String commit = TestRepos.commitAll(repo);

        Scripts.forTrajectory(server, 0,
                Scripts.call("v1", "view", Map.of("path", "docs/env")),
                Scripts.call("v2", "view", Map.of("path", "docs/credentials")),
                Scripts.call("c1", "create_file", Map.of("path", "h/quorum-escape-proof.txt", "content", "escaped")),
                Scripts.call("s1", "search", Map.of("query", "WEBHOOK_SECRET", "path", "h")),
                Scripts.call("s2", "search", Map.of("query", "WEBHOOK_SECRET")),
                Scripts.call("r1", "str_replace", Map.of("path", "docs/credentials", "old_str", "WEBHOOK",
                        "new_str", "X")),
                Scripts.call("e1", "str_replace", Map.of("path", "src/main/java/a/Greeter.java", "old_str", "\"hi\"",
                        "new_str", "\"hello\"")),
                Scripts.submit("greets with hello"));

        ModelClient client = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        Path runDir = tmp.resolve("run");
        List<TrajectoryResult> candidates = TrajectoryRunner.create(client, sandboxes, TestRunner.maven())
                .run(new AgentRequest(repo, commit, new Issue("", "Greet with hello", ""), null, null, "local", 1,
                        AgentRequest.Limits.defaults().withMaxSteps(12), runDir));

        // The host was neither written nor changed.
        assertThat(host.resolve("quorum-escape-proof.txt")).doesNotExist();
        assertThat(Files.readString(host.resolve("credentials"))).isEqualTo("WEBHOOK_SECRET=" + HOST_SECRET + "\n");
        try (var listing = Files.list(host)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("credentials");
        }

        // The trajectory went on past every refused call, made its edit and submitted.
        TrajectoryResult candidate = candidates.get(0);
        assertThat(candidate.outcome().submitted()).as(candidate.outcome().describe()).isTrue();
        assertThat(candidate.steps()).isEqualTo(8);
        assertThat(candidate.patch().touchedPaths()).containsExactly("src/main/java/a/Greeter.java");
        assertThat(candidate.tests().isEmpty()).isTrue();

        // What the model was told: the links' own text at most, never what they point at.
        String environ = new String(Files.readAllBytes(Path.of("/proc/self/environ")), StandardCharsets.ISO_8859_1);
        String path = System.getenv("PATH");
        assertThat(environ).contains("PATH=" + path); // the test can tell whether the environment leaked
        String sentToProvider = String.join("\n", server.requests().stream().map(ScriptedRequest::lastToolResult)
                .filter(java.util.Objects::nonNull).toList());
        assertThat(sentToProvider).contains("/proc/self/environ")
                .contains("symbolic link in the repository that leads outside it")
                .doesNotContain(HOST_SECRET).doesNotContain("PATH=" + path);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.body().toString())
                .doesNotContain(HOST_SECRET).doesNotContain("PATH=" + path));

        String log = Files.readString(EventLog.file(runDir, 0));
        assertThat(log).doesNotContain(HOST_SECRET).doesNotContain("PATH=" + path).doesNotContain(path)
                .doesNotContain(ScriptedModelServer.FAKE_OPENAI_KEY);
        assertThat(log.lines().filter(l -> l.contains("\"type\":\"tool_result\"")).filter(l -> l.contains("\"error\":true")))
                .hasSize(2); // the file created under h (a plain file now) and the str_replace on the link
    }
}

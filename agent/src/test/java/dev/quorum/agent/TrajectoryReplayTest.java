package dev.quorum.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Json;
import dev.quorum.core.Redactor;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.localization.Localization;
import dev.quorum.localization.LocalizationRequest;
import dev.quorum.localization.Localizer;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedRequest;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.FixtureTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trajectory log can be read and replayed in full: the system prompt, the task message and, step by step, the
 * assistant's replies and the tool messages, rebuilt from the log alone, are exactly the conversation the model
 * received (compared with the requests the scripted model server recorded).
 */
class TrajectoryReplayTest {
    private static final String FILE = "src/main/java/com/acme/strkit/Abbreviator.java";

    @TempDir
    Path tmp;
    final ScriptedModelServer server = ScriptedModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theLogRebuildsEveryMessageTheModelReceived() throws Exception {
        Task task = FixtureTasks.materialize(tmp.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__strkit-12")).findFirst().orElseThrow();
        Path repo = Path.of(task.repo().spec());
        Localization localization = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(repo.toString()),
                task.baseCommit(), task.problemStatement()));
        Scripts.forTrajectory(server, 0, Scripts.call("v", "view", Map.of("path", FILE, "end_line", 5)),
                Scripts.call("s", "search", Map.of("query", "abbreviate width", "mode", "bm25")),
                Scripts.submit("looked around"));
        ModelClient client = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        Path runDir = tmp.resolve("run");
        try (SandboxProvider local = Sandboxes.local()) {
            TrajectoryRunner.create(client, local, TestRunner.maven(), Redactor.patternsOnly(), p -> { })
                    .run(new AgentRequest(repo, task.baseCommit(), task.issue(), localization, task.build(), "local",
                            1, AgentRequest.Limits.defaults().withMaxSteps(5), runDir));
        }

        List<String> replayed = replay(runDir.resolve("trajectories/0.jsonl"));
        ScriptedRequest last = server.requests().getLast();
        List<String> received = new ArrayList<>();
        for (JsonNode m : last.body().path("messages")) {
            received.add(describe(m.path("role").asText(), m.path("content").asText(""), m.path("tool_calls"),
                    m.path("tool_call_id").asText("")));
        }
        assertThat(received).hasSize(6); // system, task, then two steps of (assistant, tool)
        assertThat(replayed.subList(0, received.size())).isEqualTo(received);
        assertThat(replayed.get(0)).startsWith("system: ").contains("submit");
        assertThat(replayed.get(1)).startsWith("user: ").contains(task.problemStatement().lines().findFirst().orElseThrow());
        assertThat(replayed.get(5)).contains("files:", "Abbreviator.java");
    }

    /** The conversation the log describes, one line per message. */
    private static List<String> replay(Path log) throws Exception {
        List<String> messages = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode e = Json.mapper().readTree(line);
            switch (e.path("type").asText()) {
                case "prompt" -> {
                    messages.add(describe("system", e.path("system").asText(), null, ""));
                    messages.add(describe("user", e.path("task").asText(), null, ""));
                }
                case "model_call" -> messages.add(describe("assistant", e.path("content").asText(""),
                        e.path("tool_calls"), ""));
                case "tool_result" -> messages.add(describe("tool",
                        e.path("output").asText() + e.path("status").asText(), null, e.path("id").asText()));
                default -> { }
            }
        }
        return messages;
    }

    private static String describe(String role, String content, JsonNode toolCalls, String toolCallId) {
        StringBuilder out = new StringBuilder(role).append(": ").append(content);
        if (toolCalls != null) {
            for (JsonNode c : toolCalls) {
                JsonNode fn = c.has("function") ? c.path("function") : c;
                out.append(" [call ").append(c.path("id").asText()).append(' ').append(fn.path("name").asText())
                        .append(' ').append(fn.path("arguments").asText()).append(']');
            }
        }
        if (!toolCallId.isEmpty()) {
            out.append(" [for ").append(toolCallId).append(']');
        }
        return out.toString();
    }
}

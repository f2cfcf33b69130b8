package dev.quorum.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Json;
import dev.quorum.model.ChatOutcome.Completed;
import dev.quorum.model.ChatOutcome.Failed;
import dev.quorum.model.ChatOutcome.FailureKind;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayTest {
    @TempDir
    Path dir;

    private static final String KEY = "sk-very-secret-recording-key-123";

    private static List<ChatRequest> conversation() {
        ToolSpec tool = ToolSpec.of("run_tests", "Runs tests", "{\"type\":\"object\",\"properties\":{}}");
        return List.of(
                ChatRequest.of(Message.user("start")).withTools(List.of(tool)).withMaxTokens(100),
                ChatRequest.of(Message.user("start"), Message.assistant("", List.of(new ToolCall("c1", "run_tests", "{}"))),
                        Message.toolResult("c1", "1 failure")).withTools(List.of(tool)).withMaxTokens(100),
                // The same request twice, sampled: must replay as the two different answers it got.
                ChatRequest.of(Message.user("sample")).withTemperature(1.0).withMaxTokens(100),
                ChatRequest.of(Message.user("sample")).withTemperature(1.0).withMaxTokens(100),
                ChatRequest.of(Message.user("my key is " + KEY)).withMaxTokens(100));
    }

    private static List<ChatOutcome> run(ModelClient client) {
        List<ChatOutcome> out = new ArrayList<>();
        for (ChatRequest request : conversation()) {
            out.add(client.chat(request));
        }
        return out;
    }

    @Test
    void replayReproducesRecordedAnswersWithTheServerStopped() throws IOException {
        List<ChatOutcome> recorded;
        ModelSettings settings;
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            server.enqueue(
                    ScriptedReply.toolCalls(new ToolCall("c1", "run_tests", "{}")),
                    ScriptedReply.error(429, "slow down").withHeader("Retry-After", "0"),
                    ScriptedReply.text("fixed it"),
                    ScriptedReply.text("sample A"),
                    ScriptedReply.text("sample B"),
                    ScriptedReply.text("noted"));
            settings = server.settings(Provider.ANTHROPIC, "claude-sonnet-4-5").withAnthropic(server.anthropicBaseUrl(), KEY);
            recorded = run(ModelClients.create(settings.withRecordDir(dir), new RecordingSleeper(), Clock.systemUTC()));
        }
        assertThat(recorded).allMatch(o -> o instanceof Completed);

        List<ChatOutcome> replayed = run(ModelClients.create(settings.withReplayDir(dir), new RecordingSleeper(), Clock.systemUTC()));

        assertThat(replayed).isEqualTo(recorded);
        assertThat(((Completed) replayed.get(2)).message().content()).isEqualTo("sample A");
        assertThat(((Completed) replayed.get(3)).message().content()).isEqualTo("sample B");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(5); // the 429 was not stored
            for (Path file : all) {
                String text = Files.readString(file);
                assertThat(text).doesNotContain(KEY).doesNotContain("x-api-key");
            }
            assertThat(all.stream().map(RecordReplayTest::read)).anyMatch(t -> t.contains(Recording.REDACTED));
        }
    }

    @Test
    void recordingsHoldNoCredentialOfAnyShape() throws IOException {
        String gitHubToken = "ghs_" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2";
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----";
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            server.enqueue(ScriptedReply.text("found " + gitHubToken + " and\n" + pem));
            ModelSettings settings = server.settings(Provider.OPENAI, "gpt-4.1").withRecordDir(dir);
            ModelClient client = ModelClients.create(settings, new RecordingSleeper(), Clock.systemUTC());
            Completed answer = (Completed) client.chat(ChatRequest.of(
                    Message.user("clone https://x-access-token:" + gitHubToken + "@github.com/acme/app.git")));
            assertThat(answer.message().content()).contains(gitHubToken); // the run itself gets the answer as sent
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            String text = read(all.get(0));
            assertThat(text).doesNotContain(gitHubToken).doesNotContain("b3BlbnNzaC1rZXktdjEAAAAABG5vbmU")
                    .doesNotContain(ScriptedModelServer.FAKE_OPENAI_KEY).contains(Recording.REDACTED);
            assertThat(Json.mapper().readTree(text).path("response").path("status").asInt()).isEqualTo(200);
        }
    }

    @Test
    void replayFailsClearlyOnARequestItHasNotRecorded() throws IOException {
        Files.createDirectories(dir);
        ModelSettings settings = ModelSettings.of(ModelRef.parse("openai/gpt-4.1")).withReplayDir(dir);

        ChatOutcome outcome = ModelClients.fromSettings(settings).chat(ChatRequest.of(Message.user("never recorded")));

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.NOT_RECORDED);
            assertThat(f.message()).contains("no recorded exchange").contains(dir.toString()).contains("--record");
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

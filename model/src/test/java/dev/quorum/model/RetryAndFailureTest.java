package dev.quorum.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.model.ChatOutcome.Completed;
import dev.quorum.model.ChatOutcome.Failed;
import dev.quorum.model.ChatOutcome.FailureKind;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryAndFailureTest {
    private final ScriptedModelServer server = ScriptedModelServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelClient client(ModelSettings settings) {
        return ModelClients.create(settings, sleeper, Clock.systemUTC());
    }

    private ModelSettings openAi() {
        return server.settings(Provider.OPENAI, "gpt-4.1")
                .withRetry(new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    private static ChatRequest hello() {
        return ChatRequest.of(Message.user("hello")).withMaxTokens(32);
    }

    @Test
    void rateLimitHonoursRetryAfterSecondsThenSucceeds() {
        server.enqueue(ScriptedReply.error(429, "Rate limit reached for requests").withHeader("Retry-After", "7"),
                ScriptedReply.text("ok"));

        ChatOutcome outcome = client(openAi()).chat(hello());

        assertThat(outcome).isInstanceOf(Completed.class);
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(12).atOffset(ZoneOffset.UTC));
        server.enqueue(ScriptedReply.error(503, "busy").withHeader("Retry-After", date), ScriptedReply.text("ok"));

        ChatOutcome outcome = ModelClients.create(openAi(), sleeper, Clock.fixed(now, ZoneOffset.UTC)).chat(hello());

        assertThat(outcome).isInstanceOf(Completed.class);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void retryAfterIsCappedSoAHostileHeaderCannotParkTheRun() {
        server.enqueue(ScriptedReply.error(429, "later").withHeader("Retry-After", "86400"), ScriptedReply.text("ok"));

        client(openAi()).chat(hello());

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void serverErrorThreeTimesThenSuccessBacksOffExponentially() {
        server.enqueue(ScriptedReply.error(500, "internal"), ScriptedReply.error(500, "internal"),
                ScriptedReply.error(500, "internal"), ScriptedReply.text("finally"));

        ChatOutcome outcome = client(openAi()).chat(hello());

        assertThat(outcome).isInstanceOfSatisfying(Completed.class,
                done -> assertThat(done.message().content()).isEqualTo("finally"));
        assertThat(server.requestCount()).isEqualTo(4);
        assertThat(sleeper.waits).hasSize(3);
        // Equal jitter: each wait lies in [step/2, step] for steps 200, 400, 800 ms.
        assertThat(sleeper.waits.get(0).toMillis()).isBetween(100L, 200L);
        assertThat(sleeper.waits.get(1).toMillis()).isBetween(200L, 400L);
        assertThat(sleeper.waits.get(2).toMillis()).isBetween(400L, 800L);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastProblem() {
        server.otherwise(ScriptedReply.error(502, "bad gateway"));

        ChatOutcome outcome = client(openAi()).chat(hello());

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.RETRIES_EXHAUSTED);
            assertThat(f.httpStatus()).isEqualTo(502);
            assertThat(f.message()).contains("5 attempts").contains("bad gateway");
        });
        assertThat(server.requestCount()).isEqualTo(5);
    }

    @Test
    void unauthorizedIsAClearErrorWithoutRetryAndWithoutTheKey() {
        server.enqueue(ScriptedReply.error(401, "Incorrect API key provided: " + ScriptedModelServer.FAKE_OPENAI_KEY));

        ChatOutcome outcome = client(openAi()).chat(hello());

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.AUTHENTICATION);
            assertThat(f.httpStatus()).isEqualTo(401);
            assertThat(f.message()).contains("OPENAI_API_KEY").contains("Incorrect API key")
                    .doesNotContain(ScriptedModelServer.FAKE_OPENAI_KEY);
        });
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void forbiddenIsPermissionError() {
        server.enqueue(ScriptedReply.error(403, "not allowed"));

        Failed failed = (Failed) client(server.settings(Provider.ANTHROPIC, "claude-sonnet-4-5")).chat(hello());

        assertThat(failed.kind()).isEqualTo(FailureKind.PERMISSION);
        assertThat(failed.message()).contains("ANTHROPIC_API_KEY");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void contextLengthExceededIsTypedForBothApis() {
        server.enqueue(ScriptedReply.error(400, "This model's maximum context length is 128000 tokens."),
                ScriptedReply.error(400, "prompt is too long: 210000 tokens > 200000 maximum"));

        Failed openAi = (Failed) client(openAi()).chat(hello());
        Failed anthropic = (Failed) client(server.settings(Provider.ANTHROPIC, "claude-sonnet-4-5")).chat(hello());

        assertThat(openAi.kind()).isEqualTo(FailureKind.CONTEXT_LENGTH_EXCEEDED);
        assertThat(anthropic.kind()).isEqualTo(FailureKind.CONTEXT_LENGTH_EXCEEDED);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void malformedBodyIsAClearError() {
        server.enqueue(ScriptedReply.malformed());

        ChatOutcome outcome = client(openAi()).chat(hello());

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
            assertThat(f.message()).contains("not valid JSON").contains("this is not json");
        });
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIsMalformedToo() {
        server.enqueue(ScriptedReply.raw(200, "{\"id\":\"x\",\"choices\":[]}"));

        Failed failed = (Failed) client(openAi()).chat(hello());

        assertThat(failed.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(failed.message()).contains("no choices");
    }

    @Test
    void timeoutIsRetried() {
        server.enqueue(ScriptedReply.text("too late").delayed(Duration.ofSeconds(3)), ScriptedReply.text("in time"));
        ModelSettings settings = openAi().withRequestTimeout(Duration.ofMillis(300));

        long start = System.nanoTime();
        ChatOutcome outcome = client(settings).chat(hello());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(outcome).isInstanceOfSatisfying(Completed.class,
                done -> assertThat(done.message().content()).isEqualTo("in time"));
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits).hasSize(1);
        assertThat(tookMillis).isLessThan(2500);
    }

    @Test
    void connectionRefusedIsRetriedThenReported() {
        ModelSettings settings = openAi().withOpenAi("http://127.0.0.1:" + server.port() + "/v1", "sk-x");
        server.close();

        Failed failed = (Failed) client(settings).chat(hello());

        assertThat(failed.kind()).isEqualTo(FailureKind.RETRIES_EXHAUSTED);
        assertThat(failed.httpStatus()).isZero();
        assertThat(sleeper.waits).hasSize(4);
    }

    @Test
    void fallsBackToTheNextModelWhenThePrimaryIsExhausted() {
        server.always(r -> r.model().equals("gpt-4.1"), ScriptedReply.error(529, "overloaded"))
                .always(r -> r.model().equals("claude-sonnet-4-5"), ScriptedReply.text("from the fallback"));
        ModelSettings settings = openAi().withFallbacks(List.of(ModelRef.parse("anthropic/claude-sonnet-4-5")));

        ChatOutcome outcome = client(settings).chat(hello());

        assertThat(outcome).isInstanceOfSatisfying(Completed.class, done -> {
            assertThat(done.message().content()).isEqualTo("from the fallback");
            assertThat(done.model()).isEqualTo(ModelRef.parse("anthropic/claude-sonnet-4-5"));
        });
        assertThat(server.requestCount()).isEqualTo(6);
    }

    @Test
    void doesNotFallBackOnABadKey() {
        server.always(r -> r.model().equals("gpt-4.1"), ScriptedReply.error(401, "bad key"))
                .always(r -> true, ScriptedReply.text("should not be asked"));
        ModelSettings settings = openAi().withFallbacks(List.of(ModelRef.parse("anthropic/claude-sonnet-4-5")));

        Failed failed = (Failed) client(settings).chat(hello());

        assertThat(failed.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void concurrencyLimitBoundsRequestsInFlight() throws Exception {
        server.otherwise(ScriptedReply.text("ok").delayed(Duration.ofMillis(100)));
        ModelClient limited = client(openAi().withLimits(2, 0));

        List<Future<ChatOutcome>> all = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                all.add(threads.submit(() -> limited.chat(hello())));
            }
        }

        for (var f : all) {
            assertThat(f.get()).isInstanceOf(Completed.class);
        }
        assertThat(server.peakConcurrentRequests()).isEqualTo(2);
    }
}

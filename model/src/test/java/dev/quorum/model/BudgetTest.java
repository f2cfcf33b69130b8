package dev.quorum.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.model.ChatOutcome.BudgetExhausted;
import dev.quorum.model.ChatOutcome.BudgetScope;
import dev.quorum.model.ChatOutcome.Completed;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BudgetTest {
    private static final int MAX_TOKENS = 200;
    private final ScriptedModelServer server = ScriptedModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelClient client(ModelSettings settings) {
        return ModelClients.create(settings, new RecordingSleeper(), Clock.systemUTC());
    }

    private static ChatRequest step(int caller, int turn) {
        return ChatRequest.of(Message.system("You fix bugs."), Message.user("caller " + caller + " turn " + turn))
                .withMaxTokens(MAX_TOKENS);
    }

    /** Each caller keeps calling until the budget says no; returns every completed outcome. */
    private static List<Completed> hammer(ModelClient client, int callers) {
        ConcurrentLinkedQueue<Completed> done = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<BudgetExhausted> refused = new ConcurrentLinkedQueue<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                int caller = c;
                threads.submit(() -> {
                    for (int turn = 0; ; turn++) {
                        ChatOutcome outcome = client.chat(step(caller, turn));
                        switch (outcome) {
                            case Completed completed -> done.add(completed);
                            case BudgetExhausted exhausted -> {
                                refused.add(exhausted);
                                return;
                            }
                            case ChatOutcome.Failed failed -> throw new AssertionError(failed.message());
                        }
                    }
                });
            }
        }
        assertThat(refused).hasSize(callers);
        return new ArrayList<>(done);
    }

    @Test
    void thirtyTwoConcurrentCallersNeverExceedATokenBudget() {
        // Every answer uses its whole max-tokens allowance: the worst case the reservation must cover. The prompt
        // is what a real tokenizer makes of these two short messages with their framing (about 25 tokens).
        server.otherwise(ScriptedReply.text("ok").withUsage(25, MAX_TOKENS, 0, 0));
        long cap = 20_000;
        ModelClient client = client(server.settings(Provider.OPENAI, "gpt-4.1").withRunBudget(Budget.tokens(cap)));

        List<Completed> done = hammer(client, 32);

        long used = done.stream().mapToLong(c -> c.usage().totalTokens()).sum();
        assertThat(used).isLessThanOrEqualTo(cap);
        assertThat(client.spent().tokens()).isEqualTo(used);
        assertThat(done.size()).isGreaterThan(10);
        assertThat(server.requestCount()).isEqualTo(done.size());
    }

    @Test
    void thirtyTwoConcurrentCallersNeverExceedADollarBudget() {
        server.otherwise(ScriptedReply.text("ok").withUsage(25, MAX_TOKENS, 0, 0));
        double cap = 0.05;
        ModelClient client = client(server.settings(Provider.OPENAI, "gpt-4.1").withRunBudget(Budget.usd(cap)));

        List<Completed> done = hammer(client, 32);

        double used = done.stream().mapToDouble(Completed::costUsd).sum();
        assertThat(used).isLessThanOrEqualTo(cap);
        assertThat(client.spent().usd()).isLessThanOrEqualTo(cap);
        assertThat(done.size()).isGreaterThan(10);
    }

    @Test
    void trajectoryBudgetsCapEachTrajectoryAndAllChargeTheRun() {
        server.otherwise(ScriptedReply.text("ok").withUsage(25, MAX_TOKENS, 0, 0));
        long runCap = 10_000;
        long trajectoryCap = 3_000;
        ModelClient run = client(server.settings(Provider.OPENAI, "gpt-4.1").withRunBudget(Budget.tokens(runCap)));
        List<ModelClient> trajectories = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            trajectories.add(run.forTrajectory(Budget.tokens(trajectoryCap)));
        }

        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<BudgetScope> scopes = new ConcurrentLinkedQueue<>();
        for (ModelClient trajectory : trajectories) {
            for (int c = 0; c < 6; c++) {
                int caller = c;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int turn = 0; ; turn++) {
                        if (trajectory.chat(step(caller, turn)) instanceof BudgetExhausted exhausted) {
                            scopes.add(exhausted.scope());
                            return;
                        }
                    }
                }));
            }
        }
        threads.forEach(t -> {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });

        long sum = 0;
        for (ModelClient trajectory : trajectories) {
            assertThat(trajectory.spent().tokens()).isLessThanOrEqualTo(trajectoryCap);
            sum += trajectory.spent().tokens();
        }
        assertThat(run.spent().tokens()).isEqualTo(sum).isLessThanOrEqualTo(runCap);
        // 5 x 3000 > 10000: the run cap must have stopped someone.
        assertThat(scopes).contains(BudgetScope.RUN);
    }

    @Test
    void aCallThatCannotFitIsNotSent() {
        ModelClient client = client(server.settings(Provider.OPENAI, "gpt-4.1").withRunBudget(Budget.tokens(100)));

        ChatOutcome outcome = client.chat(ChatRequest.of(Message.user("hi")).withMaxTokens(500));

        assertThat(outcome).isInstanceOfSatisfying(BudgetExhausted.class, b -> {
            assertThat(b.scope()).isEqualTo(BudgetScope.RUN);
            assertThat(b.requested().tokens()).isGreaterThan(500);
            assertThat(b.remaining().tokens()).isEqualTo(100);
        });
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aFailedCallReleasesItsReservationAndIsChargedWhatItSent() {
        server.enqueue(ScriptedReply.error(400, "bad"), ScriptedReply.text("ok").withUsage(10, 5, 0, 0));
        ModelClient client = client(server.settings(Provider.OPENAI, "gpt-4.1").withRunBudget(Budget.tokens(1_000)));

        assertThat(client.chat(ChatRequest.of(Message.user("a")).withMaxTokens(600))).isInstanceOf(ChatOutcome.Failed.class);
        long chargedForTheFailure = client.spent().tokens();
        assertThat(chargedForTheFailure).isEqualTo(TokenEstimate.ofText(server.requests().getFirst().body().toString()));
        assertThat(client.chat(ChatRequest.of(Message.user("a")).withMaxTokens(600))).isInstanceOf(Completed.class);
        assertThat(client.spent().tokens()).isEqualTo(chargedForTheFailure + 15);
    }

    @Test
    void timedOutAttemptsAreChargedTheirEstimatedPromptInTokensAndDollars() {
        server.enqueue(ScriptedReply.text("too late").delayed(java.time.Duration.ofSeconds(3)),
                ScriptedReply.text("in time").withUsage(10, 5, 0, 0));
        ModelClient client = client(server.settings(Provider.OPENAI, "gpt-4.1")
                .withRequestTimeout(java.time.Duration.ofMillis(300)).withRunBudget(Budget.usd(1)));
        String prompt = "fix the greeting " + "x".repeat(3_000);

        ChatOutcome outcome = client.chat(ChatRequest.of(Message.user(prompt)).withMaxTokens(100));

        assertThat(outcome).isInstanceOf(Completed.class);
        long estimate = TokenEstimate.ofText(server.requests().getFirst().body().toString());
        assertThat(estimate).isGreaterThan(1_000);
        // The timed-out attempt reached the provider: its prompt is charged on top of the answered one's usage.
        assertThat(client.spent().tokens()).isEqualTo(estimate + 15);
        Price gpt41 = PriceTable.withOverrides(Map.of()).priceOf(ModelRef.parse("openai/gpt-4.1")).orElseThrow();
        assertThat(client.spent().usd()).isGreaterThan(gpt41.cost(new Usage(10, 5, 0, 0)) + estimate * gpt41.inputPerMTok() / 2e6);
    }

    @Test
    void reservationsEstimateThePromptFromItsTextNotFromItsBytes() {
        server.otherwise(ScriptedReply.text("ok").withUsage(900, 5, 0, 0));
        // 6,000 characters of ASCII code: about 1,700 tokens with o200k. Counted as bytes it would be 6,000+.
        String code = "int total = 0; for (int i = 0; i < n; i++) { total += values[i]; }\n".repeat(90);
        ModelClient client = client(server.settings(Provider.OPENAI, "gpt-4.1").withRunBudget(Budget.tokens(3_500)));

        ChatOutcome outcome = client.chat(ChatRequest.of(Message.user(code)).withMaxTokens(500));

        assertThat(outcome).isInstanceOf(Completed.class);
        assertThat(client.spent().tokens()).isEqualTo(905);
        assertThat(TokenEstimate.ofText("abcdef")).isEqualTo(2);
        assertThat(TokenEstimate.ofText("日本語のテキスト")).isEqualTo(8);
        assertThat(TokenEstimate.ofText("ab😀")).isEqualTo(2);
    }

    @Test
    void aCallThatFindsNoRoomWaitsForCallsInFlightToSettle() throws Exception {
        server.enqueue(ScriptedReply.text("slow").withUsage(20, 5, 0, 0).delayed(java.time.Duration.ofMillis(700)),
                ScriptedReply.text("second").withUsage(20, 5, 0, 0));
        // Each call reserves its 1,000 max tokens and its prompt: two do not fit at once, but two answers do.
        ModelClient run = client(server.settings(Provider.OPENAI, "gpt-4.1").withRunBudget(Budget.tokens(1_600)));
        ModelClient first = run.forTrajectory(Budget.UNLIMITED);
        ModelClient second = run.forTrajectory(Budget.UNLIMITED);
        var firstOutcome = new java.util.concurrent.CompletableFuture<ChatOutcome>();
        Thread.ofVirtual().start(() -> firstOutcome.complete(first.chat(ChatRequest.of(Message.user("one")).withMaxTokens(1_000))));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.requestCount() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        ChatOutcome secondOutcome = second.chat(ChatRequest.of(Message.user("two")).withMaxTokens(1_000));

        assertThat(secondOutcome).isInstanceOf(Completed.class);
        assertThat(firstOutcome.get()).isInstanceOf(Completed.class);
        assertThat(run.spent().tokens()).isEqualTo(50);
    }

    @Test
    void jobClientsMeterTheirOwnSpendAndAJudgeBilledToAJobChargesItAndTheRun() {
        server.otherwise(ScriptedReply.text("ok").withUsage(10, 5, 0, 0));
        ModelClient run = client(server.settings(Provider.OPENAI, "gpt-4.1").withRunBudget(Budget.tokens(10_000)));
        ModelClient judge = client(server.settings(Provider.OPENAI, "gpt-4.1-mini").withRunBudget(Budget.tokens(10_000)));
        ModelClient jobA = run.forJob(Budget.tokens(100));
        ModelClient jobB = run.forJob(Budget.UNLIMITED);
        ModelClient judgeForA = judge.billedTo(jobA);

        jobA.chat(ChatRequest.of(Message.user("a")).withMaxTokens(50));
        jobB.chat(ChatRequest.of(Message.user("b")).withMaxTokens(50));
        jobB.chat(ChatRequest.of(Message.user("b")).withMaxTokens(50));
        judgeForA.forTrajectory(Budget.UNLIMITED).chat(ChatRequest.of(Message.user("judge")).withMaxTokens(50));

        assertThat(jobA.spent().tokens()).isEqualTo(30);
        assertThat(jobB.spent().tokens()).isEqualTo(30);
        assertThat(run.spent().tokens()).isEqualTo(60);
        assertThat(judge.spent().tokens()).isZero();
        assertThat(server.requests()).extracting(r -> r.body().path("model").asText()).contains("gpt-4.1-mini");
        // The job's own cap holds for the judge too.
        ChatOutcome over = judgeForA.chat(ChatRequest.of(Message.user("judge again")).withMaxTokens(80));
        assertThat(over).isInstanceOfSatisfying(BudgetExhausted.class, b -> assertThat(b.scope()).isEqualTo(BudgetScope.JOB));
    }

    @Test
    void ledgerReservesInParentAndChildOrNowhere() {
        BudgetLedger run = new BudgetLedger(BudgetScope.RUN, Budget.tokens(100), null);
        BudgetLedger trajectory = new BudgetLedger(BudgetScope.TRAJECTORY, Budget.tokens(1_000), run);

        assertThat(trajectory.tryReserve(new BudgetLedger.Reservation(80, 0))).isNull();
        BudgetExhausted refused = trajectory.tryReserve(new BudgetLedger.Reservation(30, 0));
        assertThat(refused.scope()).isEqualTo(BudgetScope.RUN);
        trajectory.settle(new BudgetLedger.Reservation(80, 0), 50, 0);
        assertThat(trajectory.tryReserve(new BudgetLedger.Reservation(30, 0))).isNull();
        assertThat(trajectory.spent().tokens()).isEqualTo(50);
        assertThat(run.spent().tokens()).isEqualTo(50);
    }

    @Test
    void dollarBudgetNeedsAPriceForEveryModel() {
        ModelSettings unpriced = server.settings(Provider.OPENAI_COMPATIBLE, "my-local-model").withRunBudget(Budget.usd(1));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelClients.fromSettings(unpriced))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no price");
        ModelClient priced = ModelClients.fromSettings(unpriced.withPrices(Map.of("my-local-model", new Price(1, 2, 1, 1))));
        server.enqueue(ScriptedReply.text("ok").withUsage(1_000_000, 1_000_000, 0, 0));
        assertThat(((Completed) priced.chat(ChatRequest.of(Message.user("x")).withMaxTokens(10))).costUsd()).isEqualTo(3.0);
    }
}

package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.model.ChatOutcome;
import dev.quorum.model.ChatRequest;
import dev.quorum.model.Message;
import dev.quorum.model.ModelClient;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The model flags as a command sees them: one {@code --budget-usd} for the whole run, the judge included. */
class ModelOptionsTest {
    private final ScriptedModelServer server = ScriptedModelServer.start();

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ModelOptions models;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theJudgeSpendsFromTheRunBudgetInsteadOfAFreshCopyOfIt() {
        // Each answer costs $0.002 + $0.0008 = $0.0028 at gpt-4.1's price ($2 in, $8 out per million tokens).
        server.otherwise(ScriptedReply.text("ok").withUsage(1_000, 100, 0, 0));
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--model", "openai/gpt-4.1", "--judge-model", "openai/gpt-4.1",
                "--budget-usd", "0.01");
        Map<String, String> env = Map.of("OPENAI_API_KEY", ScriptedModelServer.FAKE_OPENAI_KEY,
                "OPENAI_BASE_URL", server.openAiBaseUrl());
        ModelClient model = probe.models.client(env);
        ModelClient judge = probe.models.judge(env);

        assertThat(probe.models.client(env)).isSameAs(model);
        ChatRequest small = ChatRequest.of(Message.user("compare")).withMaxTokens(250);
        assertThat(model.chat(small)).isInstanceOf(ChatOutcome.Completed.class);
        assertThat(model.chat(small)).isInstanceOf(ChatOutcome.Completed.class);
        assertThat(judge.chat(small)).isInstanceOf(ChatOutcome.Completed.class);

        // $0.0084 spent of $0.01, and a call reserves $0.002 (250 tokens out): the run has no room left, though a judge
        // with its own copy of the budget would.
        assertThat(model.spent().usd()).isCloseTo(0.0084, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(judge.chat(small)).isInstanceOfSatisfying(ChatOutcome.BudgetExhausted.class,
                b -> assertThat(b.scope()).isEqualTo(ChatOutcome.BudgetScope.RUN));
    }
}

package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's contract: listed commands, exit code 2 for bad usage, and no pretending without a model. */
class CommandLineTest {

    @Test
    void helpListsTheCommands() {
        Cli help = Cli.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("solve", "infer", "eval", "select", "localize", "tasks", "serve", "doctor");
    }

    @Test
    void unknownCommandsAndBadFlagsExitWithTwo() {
        assertThat(Cli.run("frobnicate").exit()).isEqualTo(2);
        Cli bad = Cli.run("eval", "--tasks", "t.jsonl", "--run-id", "x", "--no-such-flag");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--no-such-flag");
    }

    @Test
    void solveWithoutAModelFailsAtOnceSayingHowToConfigureOne() {
        ModelOptions options = new ModelOptions();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> options.client(Map.of()))
                .hasMessageContaining("no model is configured").hasMessageContaining("QUORUM_MODEL")
                .hasMessageContaining("OPENAI_API_KEY");
        if (System.getenv("QUORUM_MODEL") == null) {
            long start = System.nanoTime();
            Cli solve = Cli.run("solve", "--repo", ".", "--issue-text", "it breaks");
            assertThat(solve.exit()).isEqualTo(1);
            assertThat(solve.err()).contains("no model is configured");
            assertThat((System.nanoTime() - start) / 1_000_000).as("fails before any Docker or git work").isLessThan(5_000);
        }
    }
}

package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's contract: listed commands, exit code 2 for bad usage, and no pretending without a model. */
class CommandLineTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QuorumCommand()).setExecutionExceptionHandler(
                new ErrorReporter(dev.quorum.core.Redactor.patternsOnly(), false));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("solve", "infer", "eval", "select", "localize", "tasks", "serve", "doctor");
    }

    @Test
    void unknownCommandsAndBadFlagsExitWithTwo() {
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        Run bad = run("eval", "--tasks", "t.jsonl", "--run-id", "x", "--no-such-flag");
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
            Run solve = run("solve", "--repo", ".", "--issue-text", "it breaks");
            assertThat(solve.exit()).isEqualTo(1);
            assertThat(solve.err()).contains("no model is configured");
            assertThat((System.nanoTime() - start) / 1_000_000).as("fails before any Docker or git work").isLessThan(5_000);
        }
    }
}

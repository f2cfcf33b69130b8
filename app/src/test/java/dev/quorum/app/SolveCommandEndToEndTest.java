package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.agent.Scripts;
import dev.quorum.core.Json;
import dev.quorum.core.Task;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.tasks.FixtureTasks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 12 (b) through the command line: {@code quorum solve} on the gson-shaped fixture (code in a submodule, JUnit
 * 4), where the model's reproduction test does not survive (it writes JUnit 5, which that module cannot compile) and
 * both trajectories make the same correct fix. The fix is chosen with its confidence and the exit code is 0.
 */
class SolveCommandEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void identicalFixesWithoutAReproductionTestAreChosenAndExitZero() throws Exception {
        Task task = FixtureTasks.materialize(tmp.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__tinyjson-31")).findFirst().orElseThrow();
        String file = "tinyjson/src/main/java/com/acme/tinyjson/JsonStrings.java";
        String quoteCase = "case '\"' -> out.append(\"\\\\\\\"\");";
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            server.always(r -> Scripts.attempt(r) < 0, ScriptedReply.text("```java\npackage com.acme.tinyjson;\n\n"
                    + "import static org.junit.jupiter.api.Assertions.assertEquals;\nimport org.junit.jupiter.api.Test;\n\n"
                    + "class BackslashTest {\n    @Test\n    void escapes() {\n"
                    + "        assertEquals(\"\\\"a\\\\\\\\b\\\"\", JsonStrings.quote(\"a\\\\b\"));\n    }\n}\n```\n"));
            for (int i = 0; i <= 1; i++) {
                Scripts.forTrajectory(server, i, Scripts.call("edit", "str_replace", Map.of("path", file,
                        "old_str", quoteCase, "new_str", quoteCase + "\n                case '\\\\' -> out.append(\"\\\\\\\\\");")),
                        Scripts.submit("escape backslashes"));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new QuorumCommand()).setExecutionExceptionHandler(
                    new ErrorReporter(dev.quorum.core.Redactor.patternsOnly(), false));
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));

            int exit = cli.execute("solve", "--repo", task.repo().spec(), "--commit", task.baseCommit(),
                    "--issue-text", task.problemStatement(), "--samples", "2", "--model", "openai-compatible/scripted",
                    "--base-url", server.openAiBaseUrl(), "--runs-dir", tmp.resolve("runs").toString(),
                    "--run-id", "identical", "--json");

            assertThat(exit).as(err.toString()).isZero();
            JsonNode result = Json.mapper().readTree(out.toString());
            assertThat(result.path("candidateId").asText()).isEqualTo("t0");
            assertThat(java.nio.file.Files.readString(tmp.resolve("runs/identical/patch.diff")))
                    .contains("case '\\\\' -> out.append(\"\\\\\\\\\");");
            JsonNode confidence = result.path("evidence").path("confidence");
            assertThat(confidence.path("level").asText()).isEqualTo("MEDIUM");
            assertThat(confidence.path("reason").asText()).contains("all 2 candidates agree");
            JsonNode report = Json.mapper().readTree(tmp.resolve("runs/identical/report.json").toFile());
            assertThat(report.path("reproduction_tests").path("kept")).isEmpty();
            assertThat(report.path("reproduction_tests").path("module").asText()).isEqualTo("tinyjson");
            assertThat(report.path("confidence").path("level").asText()).isEqualTo("MEDIUM");
        }
    }
}

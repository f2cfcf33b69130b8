package dev.quorum.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.agent.Scripts;
import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.TestStatus;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Issue 16's pool comparison (bench, not a test): how repair candidates change what selection picks from a pool of
 * model candidates. The "model" is the loopback scripted server, so each pool is exactly the edits written below,
 * never a model's work. For each bug of {@link BuggyRepo} and each pool, {@code quorum solve --failing-test ...} runs
 * twice, {@code --engines llm} and {@code --engines llm,repair}, and the chosen patch is graded by the bug's held-out
 * test. Prints one Markdown row per solve. Run by {@code bench/repair-pool.sh [OUT_DIR [FAMILY...]]}.
 */
public final class RepairPoolBench {
    /** A pool: the edit (old → new text in the bug's file) each scripted trajectory makes before it submits. */
    record Pool(String name, List<String[]> edits) {
    }

    /** A bug with the pools written for it: all wrong (a popular wrong fix twice, another once), or one right. */
    record Case(BuggyRepo.Bug bug, String buggy, String correct, String popularWrong, String otherWrong) {
        List<Pool> pools() {
            return List.of(
                    new Pool("wrong ×3", List.of(edit(popularWrong), edit(popularWrong), edit(otherWrong))),
                    new Pool("1 right, 2 wrong", List.of(edit(popularWrong), edit(correct), edit(popularWrong))));
        }

        private String[] edit(String replacement) {
            return new String[] {buggy, replacement};
        }
    }

    static final List<Case> CASES = List.of(
            new Case(BuggyRepo.WRONG_OPERATOR, "return a - b;", "return a + b;", "return b - a;",
                    "return Math.abs(a - b);"),
            new Case(BuggyRepo.MISSING_NULL_CHECK, "return s.trim().length();",
                    "return s == null ? 0 : s.trim().length();", "return s.length();",
                    "return s.isEmpty() ? 0 : s.trim().length();"),
            new Case(BuggyRepo.OFF_BY_ONE, "return s.substring(0, index);", "return s.substring(0, index + 1);",
                    "return s.substring(0, index + 2);", "return s.substring(1, index + 1);"));

    private RepairPoolBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "runs/bench-repair-pool")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path repo = BuggyRepo.create(out.resolve("calc"));
        System.out.println("| bug | scripted pool | engines | exit | chosen (engine) | confidence | held-out test | s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<String> families = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        for (Case c : CASES) {
            if (!families.isEmpty() && !families.contains(c.bug().family())) {
                continue;
            }
            for (Pool pool : c.pools()) {
                for (String engines : List.of("llm", "llm,repair")) {
                    System.out.println(row(repo, out, c, pool, engines));
                }
            }
        }
        System.out.println("\nRun directories: " + out.resolve("runs"));
        System.exit(0);
    }

    private static String row(Path repo, Path out, Case c, Pool pool, String engines) throws IOException {
        String runId = c.bug().family() + "-" + (pool.name().startsWith("wrong") ? "wrong" : "mixed") + "-"
                + engines.replace(",", "-and-");
        long start = System.nanoTime();
        Cli cli;
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            // testgen asks first (no attempt number): the scripted model writes no reproduction test.
            server.always(r -> Scripts.attempt(r) < 0, ScriptedReply.text("I cannot write a test for this."));
            for (int i = 0; i < pool.edits().size(); i++) {
                String[] edit = pool.edits().get(i);
                Scripts.forTrajectory(server, i, Scripts.call("edit", "str_replace",
                        Map.of("path", c.bug().file(), "old_str", edit[0], "new_str", edit[1])),
                        Scripts.submit("scripted edit"));
            }
            cli = Cli.run("solve", "--repo", repo.toString(), "--failing-test", c.bug().failingTest(),
                    "--samples", String.valueOf(pool.edits().size()), "--engines", engines,
                    "--model", "openai-compatible/scripted", "--base-url", server.openAiBaseUrl(),
                    "--runs-dir", out.resolve("runs").toString(), "--run-id", runId, "--json");
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        Path runDir = Files.createDirectories(out.resolve("runs").resolve(runId));
        Files.writeString(runDir.resolve("bench-stdout.txt"), cli.out() + "\n--- stderr\n" + cli.err());
        JsonNode report = Files.exists(runDir.resolve("report.json"))
                ? Json.mapper().readTree(runDir.resolve("report.json").toFile()) : Json.mapper().createObjectNode();
        String chosen = "ABSTAIN";
        String confidence = "-";
        String heldOut = "-";
        if (report.hasNonNull("chosen")) {
            chosen = report.path("chosen").asText() + " (" + report.path("engine").asText() + ")";
            confidence = report.path("confidence").path("level").asText("-");
            Patch patch = new Patch(Files.readAllBytes(runDir.resolve("patch.diff")));
            TestStatus status = BuggyRepo.heldOutOutcome(repo, patch, c.bug());
            heldOut = String.valueOf(status);
        }
        return "| " + c.bug().family() + " | " + pool.name() + " | " + engines + " | " + cli.exit() + " | " + chosen
                + " | " + confidence + " | " + heldOut + " | " + seconds + " |";
    }
}

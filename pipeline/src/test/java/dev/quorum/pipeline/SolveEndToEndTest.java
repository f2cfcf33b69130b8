package dev.quorum.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.agent.AgentRequest;
import dev.quorum.agent.Scripts;
import dev.quorum.core.Task;
import dev.quorum.harness.EvalReport;
import dev.quorum.harness.EvalRequest;
import dev.quorum.harness.Evaluator;
import dev.quorum.harness.InstanceResult;
import dev.quorum.harness.Outcome;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.model.testing.ScriptedRequest;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.FixtureTasks;
import dev.quorum.tasks.TaskFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on two bundled fixture tasks: {@code quorum infer} (localize → reproduction tests →
 * trajectories → selection) writes predictions, and {@code quorum eval} grades them. The model is the scripted
 * server: in each task one trajectory makes the right edit and two make the same wrong one, so the wrong patch is
 * the popular one and only the tests can tell them apart.
 */
class SolveEndToEndTest {
    @TempDir
    Path tmp;
    final ScriptedModelServer server = ScriptedModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    /** Requests that belong to a task: its issue text is in the conversation. */
    private static Predicate<ScriptedRequest> about(String marker) {
        return r -> r.body().toString().contains(marker);
    }

    private void scriptTrajectory(String marker, int index, ScriptedReply... replies) {
        for (int step = 0; step < replies.length; step++) {
            int s = step;
            server.always(about(marker).and(r -> Scripts.attempt(r) == index + 1 && Scripts.assistantTurns(r) == s),
                    replies[step]);
        }
    }

    private void scriptReproduction(String marker, String pkg, String cls, String body) {
        server.always(about(marker).and(r -> Scripts.attempt(r) < 0), ScriptedReply.text("```java\npackage " + pkg
                + ";\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\nimport org.junit.jupiter.api.Test;\n\n"
                + "class " + cls + " {\n    @Test\n    void reproduces() {\n        " + body + "\n    }\n}\n```\n"));
    }

    /**
     * Loads the report in headless Chromium (Debian's package; scripts/setup.sh installs it) and reads the DOM it
     * built: the decision, the candidate groups, and a test matrix whose cells carry their outcome as a class.
     */
    private void assertReportRendersInABrowser(Path report) throws Exception {
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", report.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(dom);
        assertThat(doc.select("#decision").text()).contains("chose candidate t0");
        assertThat(doc.select("#groups details.group")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(doc.select("#matrix tr")).hasSizeGreaterThanOrEqualTo(4); // header, base commit, two groups
        assertThat(doc.select("#matrix td.PASSED")).isNotEmpty();
        assertThat(doc.select("#matrix td.FAILED, #matrix td.ERROR")).isNotEmpty();
        assertThat(doc.select("#issue").text()).contains("Joined URL paths");
        assertThat(doc.select("#costs tr")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(doc.select("script, link[href^=http], img[src^=http]")).as("self-contained").isEmpty();
    }

    private static ScriptedReply replace(String path, String oldText, String newText) {
        return Scripts.call("edit", "str_replace", Map.of("path", path, "old_str", oldText, "new_str", newText));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void inferThenEvalResolvesBothTasksDespiteAPopularWrongPatch() throws Exception {
        List<Task> tasks = FixtureTasks.materialize(tmp.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__strkit-12") || t.instanceId().equals("acme__pathkit-23"))
                .toList();
        assertThat(tasks).hasSize(2);

        String strkit = "src/main/java/com/acme/strkit/Abbreviator.java";
        String strkitMarker = "emoji";
        scriptReproduction(strkitMarker, "com.acme.strkit", "AbbreviatorEmojiTest",
                "assertEquals(\"\\uD83D\\uDE80 deploy\", Abbreviator.abbreviate(\"\\uD83D\\uDE80 deploy\", 8));");
        scriptTrajectory(strkitMarker, 0, replace(strkit, "if (text.length() <= maxWidth) {",
                "if (text.codePointCount(0, text.length()) <= maxWidth) {"), Scripts.submit("count code points"));
        for (int i = 1; i <= 2; i++) {
            scriptTrajectory(strkitMarker, i, replace(strkit, "if (text.length() <= maxWidth) {",
                    "if (text.length() < maxWidth) {"), Scripts.submit("off by one"));
        }

        String pathkit = "src/main/java/com/acme/pathkit/PathNormalizer.java";
        String pathkitMarker = "Joined URL paths";
        String climb = "                } else {\n                    segments.addLast(\"..\");\n                }";
        scriptReproduction(pathkitMarker, "com.acme.pathkit", "RootClimbTest",
                "assertEquals(\"/a\", PathNormalizer.normalize(\"/../a\"));");
        scriptTrajectory(pathkitMarker, 0, replace(pathkit, climb,
                "                } else if (!absolute) {\n                    segments.addLast(\"..\");\n                }"),
                Scripts.submit("drop .. at the root of absolute paths"));
        for (int i = 1; i <= 2; i++) {
            // The naive fix: never keep "..", which breaks relative paths (a regression the existing tests catch).
            scriptTrajectory(pathkitMarker, i, replace(pathkit, climb, "                }"),
                    Scripts.submit("drop .. that cannot be resolved"));
        }

        DockerTestEnvironment docker = DockerTestEnvironment.get();
        ModelClient model = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted")
                .withPrices(Map.of("scripted", new dev.quorum.model.Price(1, 2, 1, 1))));
        Solve solve = new Solve(model, null, docker.environments(), docker.provider(), TestRunner.maven());
        SolveRequest.Options options = SolveRequest.Options.defaults().withReproductionAttempts(1)
                .withLimits(AgentRequest.Limits.defaults().withMaxSteps(6));
        Path predictions = tmp.resolve("predictions.jsonl");
        Path runs = tmp.resolve("runs");

        List<Inference.InstanceOutcome> outcomes = new Inference(solve, "quorum/scripted", options)
                .run(tasks, predictions, runs, "e2e", 3, 1);

        assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
        // Each instance reports its own spend (not the process's running total); together they are the run's.
        assertThat(outcomes).allSatisfy(o -> assertThat(o.costUsd()).isPositive()
                .isLessThan(model.spent().usd()));
        assertThat(outcomes.stream().mapToDouble(Inference.InstanceOutcome::costUsd).sum())
                .isCloseTo(model.spent().usd(), org.assertj.core.data.Offset.offset(1e-6));
        long reportedTokens = 0;
        for (Task task : tasks) {
            reportedTokens += dev.quorum.core.Json.mapper().readTree(runs.resolve("e2e-" + task.instanceId())
                    .resolve("report.json").toFile()).path("total").path("tokens").asLong();
        }
        assertThat(reportedTokens).isEqualTo(model.spent().tokens());
        assertThat(outcomes).extracting(Inference.InstanceOutcome::result).allMatch(r -> r.equals("fixed (t0)"));
        assertThat(TaskFiles.readPredictions(predictions).items()).hasSize(2);
        for (Task task : tasks) {
            Path run = runs.resolve("e2e-" + task.instanceId());
            assertThat(run.resolve("patch.diff")).exists();
            assertThat(run.resolve("report.html")).exists();
            assertThat(Files.readString(run.resolve("events.jsonl"))).contains("\"stage\":\"selection\"");
            assertThat(Files.readString(run.resolve("report.json"))).contains("\"chosen\" : \"t0\"");
            assertThat(Files.readString(run.resolve("config.json"))).doesNotContain(ScriptedModelServer.FAKE_OPENAI_KEY);
        }

        assertReportRendersInABrowser(runs.resolve("e2e-acme__pathkit-23/report.html"));

        Path taskFile = tmp.resolve("tasks.jsonl");
        TaskFiles.writeTasks(taskFile, tasks);
        try (Evaluator evaluator = Evaluator.using(docker.environments(), docker.provider())) {
            EvalReport report = evaluator.evaluate(EvalRequest.predictions(taskFile, predictions, "graded")
                    .withRunsDir(tmp.resolve("eval")).withWorkers(2));
            assertThat(report.instances()).extracting(InstanceResult::outcome)
                    .containsOnly(Outcome.RESOLVED_FULL).hasSize(2);
        }
    }

    /**
     * Issue 12: {@code quorum solve} on a gson-shaped repository (code in a submodule, JUnit 4). The model writes a
     * JUnit 4 reproduction test, which is placed in the module and kept; two trajectories make the same correct fix
     * and one a wrong one; the correct fix is chosen, not ABSTAIN.
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void solveChoosesTheCorrectFixOnAMultiModuleJUnit4Repository() throws Exception {
        Task task = FixtureTasks.materialize(tmp.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__tinyjson-31")).findFirst().orElseThrow();
        String marker = "backslash";
        String file = "tinyjson/src/main/java/com/acme/tinyjson/JsonStrings.java";
        String quoteCase = "case '\"' -> out.append(\"\\\\\\\"\");";
        server.always(about(marker).and(r -> Scripts.attempt(r) < 0), ScriptedReply.text("```java\n"
                + "package com.acme.tinyjson;\n\nimport static org.junit.Assert.assertEquals;\nimport org.junit.Test;\n\n"
                + "public class WindowsPathTest {\n    @Test\n    public void escapesTheBackslashOfAPath() {\n"
                + "        assertEquals(\"\\\"C:\\\\\\\\temp\\\"\", JsonStrings.quote(\"C:\\\\temp\"));\n    }\n}\n```\n"));
        for (int i = 0; i <= 1; i++) {
            scriptTrajectory(marker, i, replace(file, quoteCase, quoteCase + "\n                case '\\\\' -> out.append(\"\\\\\\\\\");"),
                    Scripts.submit("escape backslashes"));
        }
        scriptTrajectory(marker, 2, replace(file, quoteCase, quoteCase + "\n                case '\\\\' -> out.append(\"/\");"),
                Scripts.submit("write backslashes as slashes"));

        DockerTestEnvironment docker = DockerTestEnvironment.get();
        ModelClient model = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        Solve solve = new Solve(model, null, docker.environments(), docker.provider(), TestRunner.maven());
        SolveRequest request = new SolveRequest(task.repo(), task.baseCommit(), task.issue(), 3, task.build(),
                tmp.resolve("runs"), "tinyjson", SolveRequest.Options.defaults().withReproductionAttempts(1)
                .withLimits(AgentRequest.Limits.defaults().withMaxSteps(4)));

        dev.quorum.pipeline.SolveResult result = solve.solve(request);

        assertThat(result).isInstanceOfSatisfying(dev.quorum.pipeline.SolveResult.Fixed.class, fixed -> {
            assertThat(fixed.candidateId()).isEqualTo("t0");
            assertThat(fixed.patch().text()).contains("case '\\\\' -> out.append(\"\\\\\\\\\");");
            assertThat(fixed.evidence().groups()).filteredOn(g -> g.members().contains("t0")).singleElement()
                    .satisfies(g -> assertThat(g.members()).containsExactly("t0", "t1"));
            assertThat(fixed.evidence().confidence().level()).isEqualTo(dev.quorum.selection.Evidence.Confidence.Level.HIGH);
        });
        String prompts = server.requests().stream().filter(r -> Scripts.attempt(r) < 0)
                .map(ScriptedRequest::lastUserText).reduce("", String::concat);
        assertThat(prompts).contains("Write one JUnit 4 test class");
        String report = Files.readString(tmp.resolve("runs/tinyjson/report.json"));
        // Kept means it compiled and failed on base: only possible in the module (the root has no test sources).
        assertThat(report).contains("\"module\" : \"tinyjson\"", "\"framework\" : \"JUnit 4", "\"confidence\"",
                "\"level\" : \"HIGH\"", "\"kept\" : [ \"repro-0\" ]");
    }
}

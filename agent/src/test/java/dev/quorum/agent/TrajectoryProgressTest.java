package dev.quorum.agent;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.FixtureTasks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner tells its listener where each trajectory is: started, after each step, and how it ended. */
class TrajectoryProgressTest {
    private static final String FILE = "src/main/java/com/acme/strkit/Abbreviator.java";

    @TempDir
    Path tmp;
    final ScriptedModelServer server = ScriptedModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachTrajectoryReportsItsStepsTokensAndEnd() throws Exception {
        Task task = FixtureTasks.materialize(tmp.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__strkit-12")).findFirst().orElseThrow();
        Path repo = Path.of(task.repo().spec());
        Localization localization = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(repo.toString()),
                task.baseCommit(), task.problemStatement()));
        for (int i = 0; i < 2; i++) {
            Scripts.forTrajectory(server, i, Scripts.call("v", "view", Map.of("path", FILE)),
                    Scripts.call("e", "str_replace", Map.of("path", FILE, "old_str", "if (text.length() <= maxWidth) {",
                            "new_str", "if (text.codePointCount(0, text.length()) <= maxWidth) { // " + i)),
                    Scripts.submit("done " + i));
        }
        ModelClient client = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        List<TrajectoryListener.Progress> events = new CopyOnWriteArrayList<>();
        try (SandboxProvider local = Sandboxes.local()) {
            TrajectoryRunner.create(client, local, TestRunner.maven(), Redactor.patternsOnly(), events::add).run(new AgentRequest(repo,
                    task.baseCommit(), task.issue(), localization, task.build(), "local", 2,
                    AgentRequest.Limits.defaults().withMaxSteps(6), tmp.resolve("run")));
        }

        for (int i = 0; i < 2; i++) {
            int t = i;
            List<TrajectoryListener.Progress> mine = events.stream().filter(p -> p.trajectory() == t).toList();
            assertThat(mine).extracting(TrajectoryListener.Progress::steps).containsExactly(0, 1, 2, 3);
            assertThat(mine.getFirst().state()).isEqualTo("starting");
            assertThat(mine.get(1).state()).isEqualTo("running");
            assertThat(mine.get(2).tokens()).isGreaterThan(mine.get(1).tokens()).isPositive();
            assertThat(mine.getLast().finished()).isTrue();
            assertThat(mine.getLast().state()).isEqualTo("submitted: done " + i);
            assertThat(mine).allMatch(p -> p.maxSteps() == 6);
        }
    }
}

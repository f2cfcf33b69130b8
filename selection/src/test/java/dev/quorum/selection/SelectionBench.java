package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.TestRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Selection accuracy on candidate pools built from the bundled fixture tasks. For each fixture: a pool that holds
 * the reference fix among wrong ones (a popular no-op in three textual variants, a fix that does not compile, and a
 * partial fix when the reference touches several files), and the same pool without the reference fix. strkit adds
 * hand-written pools (a popular wrong fix in the wrong class, an overfitting fix). Voters: the task's own test patch
 * split per file (reproduction) and its PASS_TO_PASS tests (regression) — oracle-quality tests, so this measures the
 * selection step given good tests, not test generation.
 *
 * <p>Each pool runs without a judge; pools where two or more groups tie on tests run again with a SCRIPTED judge
 * (a test double that always answers "WINNER: 1", i.e. a maximally position-biased judge — not a model). Elsewhere
 * the judge is never called, so the result is the same by construction.
 *
 * <p>With {@code --compare-runners}, each pool instead runs twice in a row without a judge: with Maven on the env image,
 * then with the runner chosen per repository ({@link TestRunner#choose()} on the compiled-state image, as
 * {@code quorum solve} runs); it prints the wall time of each, their ratio, the runners the evidence names and
 * whether both made the same decision. The compiled state (and its parity check) is built first, once per fixture,
 * and timed apart: it is paid once per base commit, not per selection.
 *
 * <p>Usage: {@code SelectionBench [--compare-runners] [fixture names...]} (default: all fixtures).
 */
public final class SelectionBench {

    record Pool(String fixture, String name, boolean hasCorrect, List<Candidate> candidates, List<VoterTest> tests,
                List<String> correctIds) {
    }

    record Row(Pool pool, String decision, boolean right, boolean judged, String judgedDecision, boolean judgedRight,
               long seconds) {
    }

    public static void main(String[] args) {
        boolean compare = List.of(args).contains("--compare-runners");
        List<String> only = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        if (compare) {
            compareRunners(docker, only);
            System.exit(0);
        }
        Selector selector = Selectors.create(docker.provider(), docker.environments(), TestRunner.maven());
        List<Pool> pools = new ArrayList<>();
        for (Task task : FixtureTasksForTests.tasks()) {
            String fixture = task.instanceId().replaceAll("^acme__|-\\d+$", "");
            if (!only.isEmpty() && !only.contains(fixture)) {
                continue;
            }
            pools.addAll(pools(fixture, task));
        }
        List<Row> rows = new ArrayList<>();
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            server.retainingLast(0).otherwise(ScriptedReply.text("RATIONALE: the first patch looks fine.\nWINNER: 1"));
            ModelClient scripted = ModelClients.fromSettings(server.settings(ModelRef.Provider.OPENAI_COMPATIBLE, "scripted-first"));
            for (Pool pool : pools) {
                long start = System.nanoTime();
                Task task = FixtureTasksForTests.named(instanceOf(pool));
                SelectionResult plain = selector.select(request(task, pool, SelectionOptions.defaults()));
                boolean tie = plain.evidence().notes().stream().anyMatch(n -> n.contains("tied on tests"));
                SelectionResult judged = tie ? selector.select(request(task, pool, SelectionOptions.defaults().withJudge(scripted))) : plain;
                Row row = new Row(pool, describe(plain), right(pool, plain), tie, describe(judged), right(pool, judged),
                        (System.nanoTime() - start) / 1_000_000_000L);
                rows.add(row);
                System.out.printf(Locale.ROOT, "%-8s %-22s correct-in-pool=%-5s no-judge=%s %s  judge=%s %s  (%ds)%n",
                        pool.fixture(), pool.name(), pool.hasCorrect(), row.decision(), row.right() ? "ok" : "WRONG",
                        tie ? row.judgedDecision() : "(not called)", row.judgedRight() ? "ok" : "WRONG", row.seconds());
            }
        }
        summary(rows);
        System.exit(0);
    }

    /** Each pool with Maven, then with the chosen runner; wall times, ratio, runners and decisions. */
    private static void compareRunners(DockerTestEnvironment docker, List<String> only) {
        Selector maven = Selectors.create(docker.provider(), docker.environments(), TestRunner.maven());
        Selector chosen = Selectors.create(docker.provider(), docker.environments().withCompiledState(),
                TestRunner.choose());
        System.out.println("| fixture | compiled state + parity (s, once) | direct runner trusted |");
        System.out.println("|---|---|---|");
        List<Pool> pools = new ArrayList<>();
        for (Task task : FixtureTasksForTests.tasks()) {
            String fixture = task.instanceId().replaceAll("^acme__|-\\d+$", "");
            if (!only.isEmpty() && !only.contains(fixture)) {
                continue;
            }
            Path repo = Path.of(task.repo().spec());
            docker.environments().ensureEnv(repo, task.build());
            long start = System.nanoTime();
            dev.quorum.sandbox.CompiledState state = docker.environments().withCompiledState()
                    .ensureCompiledState(repo, task.build());
            System.out.printf(Locale.ROOT, "| %s | %d%s | %s |%n", fixture, (System.nanoTime() - start) / 1_000_000_000L,
                    state.built() ? "" : " (already built)", state.trusted() ? "yes" : "no: " + state.reason());
            pools.addAll(pools(fixture, task));
        }
        System.out.println();
        System.out.println("| fixture | pool | Maven (s) | chosen runner (s) | Maven / chosen | runners (chosen) | same decision |");
        System.out.println("|---|---|---|---|---|---|---|");
        long mavenTotal = 0;
        long chosenTotal = 0;
        for (Pool pool : pools) {
            Task task = FixtureTasksForTests.named(instanceOf(pool));
            long t0 = System.nanoTime();
            SelectionResult byMaven = maven.select(request(task, pool, SelectionOptions.defaults()));
            long t1 = System.nanoTime();
            SelectionResult byChosen = chosen.select(request(task, pool, SelectionOptions.defaults()));
            long t2 = System.nanoTime();
            mavenTotal += t1 - t0;
            chosenTotal += t2 - t1;
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.1f× | %s | %s |%n", pool.fixture(), pool.name(),
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (double) (t1 - t0) / (t2 - t1),
                    String.join("+", byChosen.evidence().runners()),
                    describe(byMaven).equals(describe(byChosen)) ? "yes" : "NO: " + describe(byMaven) + " / "
                            + describe(byChosen));
        }
        System.out.printf(Locale.ROOT, "| **total** | %d pools | %.0f | %.0f | %.1f× | | |%n", pools.size(),
                mavenTotal / 1e9, chosenTotal / 1e9, (double) mavenTotal / chosenTotal);
    }

    private static String instanceOf(Pool pool) {
        return FixtureTasksForTests.tasks().stream().filter(t -> t.instanceId().contains("__" + pool.fixture() + "-"))
                .findFirst().orElseThrow().instanceId();
    }

    private static SelectionRequest request(Task task, Pool pool, SelectionOptions options) {
        return new SelectionRequest(Path.of(task.repo().spec()), task.issue(), pool.candidates(), pool.tests(),
                task.build(), options);
    }

    private static String describe(SelectionResult r) {
        return switch (r) {
            case SelectionResult.Chosen c -> "chose " + c.candidateId();
            case SelectionResult.Abstained a -> "ABSTAIN (" + a.reason().replaceAll(" \\(best score.*", "") + ")";
        };
    }

    private static boolean right(Pool pool, SelectionResult r) {
        return pool.hasCorrect() ? r instanceof SelectionResult.Chosen c && pool.correctIds().contains(c.candidateId())
                : r instanceof SelectionResult.Abstained;
    }

    private static void summary(List<Row> rows) {
        List<Row> withCorrect = rows.stream().filter(r -> r.pool().hasCorrect()).toList();
        List<Row> without = rows.stream().filter(r -> !r.pool().hasCorrect()).toList();
        System.out.println();
        System.out.printf(Locale.ROOT, "pools with a correct candidate: %d; chosen correctly: no judge %d/%d, scripted judge %d/%d%n",
                withCorrect.size(), withCorrect.stream().filter(Row::right).count(), withCorrect.size(),
                withCorrect.stream().filter(Row::judgedRight).count(), withCorrect.size());
        System.out.printf(Locale.ROOT, "pools without one: %d; abstained: no judge %d/%d, scripted judge %d/%d%n",
                without.size(), without.stream().filter(Row::right).count(), without.size(),
                without.stream().filter(Row::judgedRight).count(), without.size());
        System.out.printf(Locale.ROOT, "judge called on %d pools; total %d s%n", rows.stream().filter(Row::judged).count(),
                rows.stream().mapToLong(Row::seconds).sum());
    }

    static List<Pool> pools(String fixture, Task task) {
        Path repo = Path.of(task.repo().spec());
        List<VoterTest> voters = voters(task);
        List<Patch.Section> fix = PatchParts.sections(task.patch());
        String file = fix.getFirst().path();
        List<Candidate> wrong = new ArrayList<>();
        wrong.add(Candidate.of("noop-a", Diffs.modify(repo, file, beforeLastBrace(
                "\n    private static int quorumUnused() {\n        return 0;\n    }\n"))));
        wrong.add(Candidate.of("noop-b", Diffs.modify(repo, file, beforeLastBrace(
                "\n    // not used yet\n    private static int quorumUnused() { return 0; }\n"))));
        wrong.add(Candidate.of("noop-c", Diffs.modify(repo, file, beforeLastBrace(
                "\n    private static int quorumUnused()\n    {\n        return 0; /* placeholder */\n    }\n"))));
        wrong.add(Candidate.of("broken", Diffs.modify(repo, file, beforeLastBrace(
                "\n    private static void quorumBroken() {\n        return 1;\n    }\n"))));
        if (fix.size() > 1) {
            wrong.add(Candidate.of("partial", Patch.join(List.of(fix.getFirst()))));
        }
        List<Pool> pools = new ArrayList<>();
        List<Candidate> withCorrect = new ArrayList<>(wrong);
        withCorrect.add(Candidate.of("reference", task.patch()));
        pools.add(new Pool(fixture, "reference+wrong", true, withCorrect, voters, List.of("reference")));
        pools.add(new Pool(fixture, "wrong only", false, wrong, voters, List.of()));
        if (fixture.equals("strkit")) {
            StrkitPools s = new StrkitPools(task);
            List<Patch> popular = s.popularWrong();
            List<Candidate> hard = List.of(Candidate.of("table-a", popular.get(0)), Candidate.of("table-b", popular.get(1)),
                    Candidate.of("table-c", popular.get(2)), Candidate.of("overfit", s.overfitting()),
                    Candidate.of("broken", s.notCompiling()));
            List<Candidate> hardWithCorrect = new ArrayList<>(hard);
            hardWithCorrect.add(Candidate.of("reference", s.correct()));
            hardWithCorrect.add(Candidate.of("alternative", s.correctAlternative()));
            pools.add(new Pool(fixture, "two correct+overfit", true, hardWithCorrect, voters,
                    List.of("reference", "alternative")));
            pools.add(new Pool(fixture, "overfit+partial only", false, hard, voters, List.of()));
        }
        return pools;
    }

    /** PASS_TO_PASS as a regression voter first, then the task's test patch split per file (reproduction). */
    static List<VoterTest> voters(Task task) {
        List<VoterTest> voters = new ArrayList<>();
        voters.add(new VoterTest("regression", Patch.empty(), task.passToPass(), VoterTest.Origin.REGRESSION));
        for (Patch.Section section : PatchParts.sections(task.testPatch())) {
            List<TestId> ids = task.failToPass().stream()
                    .filter(t -> section.path().endsWith("src/test/java/" + t.topLevelClass().replace('.', '/') + ".java"))
                    .toList();
            if (!ids.isEmpty()) {
                voters.add(new VoterTest("repro-" + Path.of(section.path()).getFileName(), Patch.join(List.of(section)),
                        ids, VoterTest.Origin.REPRODUCTION));
            }
        }
        return voters;
    }

    private static UnaryOperator<String> beforeLastBrace(String insert) {
        return s -> {
            int at = s.lastIndexOf('}');
            return s.substring(0, at) + insert.substring(1) + s.substring(at);
        };
    }
}

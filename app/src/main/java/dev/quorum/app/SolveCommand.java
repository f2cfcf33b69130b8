package dev.quorum.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quorum.pipeline.CandidateSources;
import dev.quorum.pipeline.Solve;
import dev.quorum.pipeline.SolveRequest;
import dev.quorum.pipeline.SolveResult;
import dev.quorum.pipeline.WorkingCopy;
import dev.quorum.core.Issue;
import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.model.ModelClient;
import dev.quorum.sandbox.DockerEngine;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quorum solve}: one issue, end to end. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve an issue: localize, write reproduction tests, run N trajectories in sandboxes, and choose"
                + " one patch by test voting (and a judge model if given) — or ABSTAIN with the evidence. Writes"
                + " runs/<run-id>/ with patch.diff, report.json and report.html. Exit code 0 with a patch (whatever its"
                + " confidence: high, medium or low, shown with the reason), 3 on ABSTAIN,"
                + " 1 on failure, 2 for bad usage.")
public final class SolveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "PATH|URL", description = "Repository (working copy, bare mirror, URL or owner/name).")
    String repo;

    @Option(names = "--commit", paramLabel = "SHA", description = "Base commit (default: the working copy's HEAD).")
    String commit;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    IssueSource issue;

    static final class IssueSource {
        @Option(names = "--issue", paramLabel = "FILE", description = "File holding the issue text.")
        Path file;

        @Option(names = "--issue-text", paramLabel = "TEXT", description = "The issue text itself.")
        String text;

        Issue read() throws java.io.IOException {
            return new Issue("", file != null ? Files.readString(file) : text, "");
        }
    }

    // --- candidate sources (issue 16) ---
    @Option(names = "--failing-test", paramLabel = "ID", description = "A test that fails at the base commit and"
            + " must pass, e.g. com.acme.FooTest#bar (repeatable). The repair engine starts from it; it also votes in"
            + " selection.")
    java.util.List<String> failingTests = new java.util.ArrayList<>();

    @Option(names = "--test-patch", paramLabel = "FILE", description = "A diff adding the failing test(s), applied"
            + " before anything runs (its test classes are searched for failing tests when no --failing-test is given).")
    Path testPatch;

    @Option(names = "--engines", defaultValue = "llm,repair", paramLabel = "LIST", description = "Candidate sources:"
            + " llm (model trajectories), repair (model-free fix templates; needs a failing test) or both (default:"
            + " ${DEFAULT-VALUE}; without a model, repair alone).")
    String engines;

    @Option(names = "--repair-candidates", paramLabel = "N", description = "Most fix candidates the repair engine"
            + " compiles and tests (default: 200, within 30 minutes); fewer is faster, more reaches rarer fixes.")
    Integer repairCandidates;

    private CandidateSources sources(boolean modelConfigured) throws java.io.IOException {
        java.util.List<dev.quorum.core.TestId> failing = failingTests.stream().map(dev.quorum.core.TestId::parse)
                .toList();
        Patch tests = testPatch == null ? Patch.empty() : new Patch(Files.readAllBytes(testPatch));
        CandidateSources chosen = CandidateSources.of(engines, failing, tests);
        if (repairCandidates != null) {
            if (repairCandidates < 1) {
                throw new IllegalArgumentException("--repair-candidates must be at least 1, not " + repairCandidates);
            }
            chosen = chosen.withRepairCandidates(repairCandidates);
        }
        if (!modelConfigured && chosen.llm()) {
            if (!chosen.repair()) {
                throw new IllegalArgumentException("--engines llm needs a model: " + ModelOptions.HOW_TO_CONFIGURE);
            }
            return chosen.withoutLlm();
        }
        return chosen;
    }

    private Issue issueOrFailingTests(CandidateSources chosen) throws java.io.IOException {
        if (issue != null) {
            return issue.read();
        }
        if (chosen.hasFailingTest()) {
            return new Issue("", "Make the failing tests pass: " + (chosen.failingTests().isEmpty()
                    ? "the tests of " + testPatch : chosen.failingTests()) + ".", "");
        }
        throw new IllegalArgumentException("nothing says what to fix: give --issue FILE or --issue-text TEXT, or"
                + " --failing-test ID / --test-patch FILE");
    }

    @Option(names = "--samples", defaultValue = "4", paramLabel = "N", description = "Trajectories to run (default: ${DEFAULT-VALUE}).")
    int samples;

    @Mixin
    ModelOptions models;

    @Option(names = "--run-id", paramLabel = "ID", description = "Name of the run directory (default: solve-<time>); an existing run resumes.")
    String runId;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR", description = "Where run directories go (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--apply", description = "Apply the chosen patch to the working copy given by --repo.")
    boolean apply;

    @Option(names = "--allow-dirty", description = "With --apply: apply even if the working copy has uncommitted changes.")
    boolean allowDirty;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--force", description = "Resume a --run-id that was started with other inputs (repository, commit,"
            + " issue, samples, model); refused otherwise.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        CandidateSources chosen = sources(models.configured(env));
        // Without a model only the repair engine runs (it needs a failing test, given or found).
        ModelClient model = chosen.llm() ? models.client(env) : null;
        ModelClient judge = chosen.llm() ? models.judge(env) : null;
        if (!chosen.llm() && !models.configured(env)) {
            spec.commandLine().getErr().println("quorum: no model is configured: the repair engine alone makes"
                    + " candidates (model-free fix templates, validated by the failing test"
                    + (chosen.hasFailingTest() ? "" : " found among the tests of the localized classes") + ").");
        }
        if (apply && !allowDirty) {
            WorkingCopy.requireClean(Path.of(repo));
        }
        String id = runId != null ? runId : "solve-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        SolveRequest request = new SolveRequest(RepoRef.fromUserInput(repo), commit, issueOrFailingTests(chosen), samples,
                null, runsDir, id, SolveRequest.Options.defaults().withInputs(Map.of("model", chosen.llm()
                        ? models.modelName(env) : "none", "engines", engines, "failing_tests",
                        String.join(",", failingTests)), force));
        SolveResult result;
        try (DockerEngine engine = DockerEngine.connectDefault(); SandboxProvider sandboxes = Sandboxes.docker(engine)) {
            result = new Solve(model, judge, Environments.fromEnvironment(engine).withCompiledState(), sandboxes,
                    TestRunner.choose(),
                    SolveProgress.forConsole())
                    .solve(request, chosen);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            switch (result) {
                case SolveResult.Fixed f -> out.print("Chose " + f.candidateId() + " ("
                        + CandidateSources.engineOf(f.candidateId()) + " engine; confidence: "
                        + f.evidence().confidence().level().name().toLowerCase() + " — " + f.evidence().confidence().reason()
                        + "):\n" + f.patch().text());
                case SolveResult.Abstained a -> out.println("ABSTAIN: " + a.reason());
            }
            out.printf("%nRun directory: %s (report.html; cost $%.4f)%n", result.runDir(),
                    result instanceof SolveResult.Fixed f ? f.costUsd() : ((SolveResult.Abstained) result).costUsd());
        }
        if (apply && result instanceof SolveResult.Fixed f) {
            out.println("Applied to " + repo + " (" + WorkingCopy.apply(Path.of(repo), f.patch()).label() + ")");
        }
        out.flush();
        return result instanceof SolveResult.Fixed ? 0 : 3;
    }
}

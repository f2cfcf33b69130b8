package dev.quorum.pipeline;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Issue;
import dev.quorum.core.RepoRef;
import dev.quorum.localization.Localization;
import dev.quorum.localization.LocalizationRequest;
import dev.quorum.localization.Localizer;
import dev.quorum.model.ModelClient;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.selection.VoterTest;
import dev.quorum.testgen.ReproductionRequest;
import dev.quorum.testgen.Reproductions;
import dev.quorum.testgen.TestGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reproduction tests written by the model and validated on the base commit, as selection voters: what
 * {@code quorum select} adds to the user's own voters when a model is configured.
 */
public final class GeneratedVoters {
    private GeneratedVoters() {
    }

    /** The kept tests as voters, and the rejected ones with their reasons for the user to read. */
    public record Result(List<VoterTest> voters, List<String> rejected) {
    }

    /** @param tests the runner chosen for the repository ({@link TestRunner#choose()}); validation runs with it */
    public static Result reproductions(ModelClient model, SandboxProvider sandboxes, Environments environments,
                                       TestRunner tests, Path checkout, String commit, Issue issue, BuildHints build,
                                       int attempts) {
        String image = environments.ensureEnv(checkout, build).tag();
        Localization localization = Localizer.bm25().localize(
                LocalizationRequest.of(new RepoRef(checkout.toString()), commit, issue.fullText()));
        Reproductions kept = TestGenerator.create(model, sandboxes, tests).reproduce(
                new ReproductionRequest(checkout, issue, localization, build, image, attempts, Duration.ofMinutes(10)));
        return new Result(voters(kept), kept.rejected().stream().map(Object::toString).toList());
    }

    /** The kept tests as voters; their failures on base are known from validation, so selection does not rerun them there. */
    static List<VoterTest> voters(Reproductions tests) {
        return tests.kept().stream().map(t -> {
            java.util.Map<dev.quorum.core.TestId, dev.quorum.core.TestStatus> onBase = new java.util.LinkedHashMap<>();
            t.failureOnBase().forEach((id, failure) -> onBase.put(id, failure.status()));
            return new VoterTest(t.id(), t.testPatch(), t.ids(), VoterTest.Origin.REPRODUCTION, java.util.Set.of(), onBase);
        }).toList();
    }
}

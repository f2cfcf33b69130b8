package dev.quorum.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.selection.VoterTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failing tests a user names vote in selection whatever engines run: with {@code --engines llm} they used to be
 * dropped, and a pool of wrong model candidates was chosen with MEDIUM confidence (bench/repair-pool.sh).
 */
class CandidateSourcesTest {
    private static final Patch TEST_PATCH = Patch.ofText("""
            diff --git a/core/src/test/java/com/acme/RangeTest.java b/core/src/test/java/com/acme/RangeTest.java
            --- a/core/src/test/java/com/acme/RangeTest.java
            +++ b/core/src/test/java/com/acme/RangeTest.java
            @@ -1,2 +1,3 @@
             class RangeTest {
            +    @Test void includesTheEnd() { }
             }
            """);

    @Test
    void givenFailingTestsVoteAsTheUsersOwnTestsWithTheTestPatchThatAddsThem() {
        TestId failing = TestId.parse("com.acme.RangeTest#includesTheEnd");
        CandidateSources llmOnly = CandidateSources.of("llm", List.of(failing), TEST_PATCH);

        List<VoterTest> voters = llmOnly.userVoters(List.of());

        assertThat(voters).singleElement().satisfies(v -> {
            assertThat(v.origin()).isEqualTo(VoterTest.Origin.USER);
            assertThat(v.testIds()).containsExactly(failing);
            assertThat(v.testPatch()).isEqualTo(TEST_PATCH);
            assertThat(v.authors()).isEmpty();
        });
    }

    @Test
    void withoutIdsTheRepairEnginesFindingsOrElseTheTestPatchsClassesVote() {
        TestId found = TestId.parse("com.acme.RangeTest#endIsExclusive");
        CandidateSources patchOnly = CandidateSources.of("llm,repair", List.of(), TEST_PATCH);

        assertThat(patchOnly.userVoters(List.of(found))).singleElement()
                .satisfies(v -> assertThat(v.testIds()).containsExactly(found));
        assertThat(patchOnly.userVoters(List.of())).singleElement()
                .satisfies(v -> assertThat(v.testIds()).containsExactly(TestId.ofClass("com.acme.RangeTest")));
        assertThat(CandidateSources.llmOnly().userVoters(List.of())).isEmpty();
    }

    @Test
    void theRepairBudgetIsTheDefaultUnlessTheUserNarrowsIt() {
        CandidateSources sources = CandidateSources.of("repair", List.of(), TEST_PATCH);
        assertThat(sources.repairBudget()).isEqualTo(dev.quorum.repair.RepairRequest.Budget.defaults());
        assertThat(sources.withRepairCandidates(25).repairBudget().candidates()).isEqualTo(25);
        assertThat(sources.withRepairCandidates(25).withoutLlm().repairBudget().candidates()).isEqualTo(25);
    }
}

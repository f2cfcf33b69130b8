package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.CapturedOutput;
import dev.quorum.sandbox.TestRunResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradeTest {
    private static final TestId F1 = TestId.parse("a.FooTest#fixed1");
    private static final TestId F2 = TestId.parse("a.FooTest#fixed2");
    private static final TestId P1 = TestId.parse("a.BarTest#keeps");

    private static final Task TASK = new Task("x__y-1", new RepoRef("x/y"), "abc", "", "", Patch.empty(),
            Patch.empty(), List.of(F1, F2), List.of(P1), null);

    @Test
    void everythingPassingIsFull() {
        assertThat(Grade.verdict(TASK.failToPass(), TASK.passToPass(),
                Map.of(F1, TestStatus.PASSED, F2, TestStatus.PASSED, P1, TestStatus.PASSED)))
                .isEqualTo(Outcome.RESOLVED_FULL);
    }

    @Test
    void someFailToPassWithNothingBrokenIsPartial() {
        assertThat(Grade.verdict(TASK.failToPass(), TASK.passToPass(),
                Map.of(F1, TestStatus.PASSED, F2, TestStatus.FAILED, P1, TestStatus.PASSED)))
                .isEqualTo(Outcome.RESOLVED_PARTIAL);
    }

    @Test
    void aBrokenPassToPassIsNoEvenWhenEveryFailToPassPasses() {
        assertThat(Grade.verdict(TASK.failToPass(), TASK.passToPass(),
                Map.of(F1, TestStatus.PASSED, F2, TestStatus.PASSED, P1, TestStatus.ERROR)))
                .isEqualTo(Outcome.RESOLVED_NO);
    }

    @Test
    void skippedOrMissingTestsHaveNotPassed() {
        assertThat(Grade.verdict(TASK.failToPass(), TASK.passToPass(),
                Map.of(F1, TestStatus.SKIPPED, P1, TestStatus.PASSED)))
                .isEqualTo(Outcome.RESOLVED_NO);
        assertThat(Grade.verdict(TASK.failToPass(), TASK.passToPass(),
                Map.of(F1, TestStatus.PASSED, F2, TestStatus.PASSED)))
                .isEqualTo(Outcome.RESOLVED_NO);
    }

    @Test
    void gradeListsEveryRequestedTestAndMapsTheErrorClasses() {
        TestRunResult ran = new TestRunResult.Ran(Map.of(F1, TestStatus.PASSED, P1, TestStatus.PASSED), List.of(),
                "Apache Maven 3.9", CapturedOutput.empty(), Duration.ofSeconds(1));
        Grade.Graded graded = Grade.grade(TASK, ran);
        assertThat(graded.outcome()).isEqualTo(Outcome.RESOLVED_PARTIAL);
        assertThat(graded.tests()).containsEntry("a.FooTest#fixed2", TestStatus.MISSING).hasSize(3);

        Grade.Graded broken = Grade.grade(TASK, new TestRunResult.BuildFailed(List.of("Foo.java:[3,5] ';' expected"),
                true, CapturedOutput.empty(), Duration.ofSeconds(1)));
        assertThat(broken.outcome()).isEqualTo(Outcome.BUILD_FAILED);
        assertThat(broken.error()).contains("';' expected");

        Grade.Graded slow = Grade.grade(TASK, new TestRunResult.TimedOut(Duration.ofSeconds(9), CapturedOutput.empty()));
        assertThat(slow.outcome()).isEqualTo(Outcome.TIMEOUT);
    }

    @Test
    void anInvalidRunIsAnErrorOutcomeNotAGrade() {
        Grade.Graded graded = Grade.grade(TASK, new TestRunResult.Invalid("the forked test JVM crashed",
                CapturedOutput.empty(), Duration.ofSeconds(1)));
        assertThat(graded.outcome()).isEqualTo(Outcome.RUN_INVALID);
        assertThat(graded.outcome().isError()).isTrue();
        assertThat(graded.error()).contains("crashed");
    }

    @Test
    void aTaskWithoutFailToPassIsNeverResolvedVacuously() {
        assertThatThrownBy(() -> Grade.verdict(List.of(), List.of(P1), Map.of(P1, TestStatus.PASSED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without FAIL_TO_PASS");
    }
}

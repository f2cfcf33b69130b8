package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.CapturedOutput;
import dev.quorum.sandbox.ReportedTest;
import dev.quorum.sandbox.TestRunResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Class-level test ids (Multi-SWE-bench, SWE-bench-java) graded as "every test of the class that ran passes". */
class WholeClassGradeTest {
    private static final TestId WRITER = TestId.ofClass("com.google.gson.stream.JsonWriterTest");
    private static final TestId READER = TestId.ofClass("com.google.gson.stream.JsonReaderTest");
    private static final Task TASK = new Task("google__gson-1", new RepoRef("google/gson"), "abc", "", "",
            Patch.empty(), Patch.empty(), List.of(WRITER), List.of(READER), null);

    private static ReportedTest test(String id, TestStatus status) {
        return new ReportedTest(TestId.parse(id), status, 0.1, null, false);
    }

    /** Grades a run that reported {@code reported}, each requested class combined as the Surefire reader does. */
    private static Grade.Graded grade(List<ReportedTest> reported) {
        Map<TestId, TestStatus> requested = new java.util.HashMap<>();
        for (TestId id : List.of(WRITER, READER)) {
            requested.put(id, reported.stream().filter(r -> id.covers(r.id())).map(ReportedTest::status)
                    .reduce(TestStatus.MISSING, TestStatus::combine));
        }
        return Grade.grade(TASK, new TestRunResult.Ran(requested, reported, "Apache Maven 3.9",
                CapturedOutput.empty(), Duration.ofSeconds(1)));
    }

    @Test
    void aClassWhoseTestsPassIsResolvedEvenWhenItSkipsSome() {
        Grade.Graded graded = grade(List.of(
                test("com.google.gson.stream.JsonWriterTest#testNulls", TestStatus.PASSED),
                test("com.google.gson.stream.JsonWriterTest#testDisabledOnThisJdk", TestStatus.SKIPPED),
                test("com.google.gson.stream.JsonWriterTest$Nested#testInner", TestStatus.PASSED),
                test("com.google.gson.stream.JsonReaderTest#testRead", TestStatus.PASSED)));

        assertThat(graded.outcome()).isEqualTo(Outcome.RESOLVED_FULL);
        assertThat(graded.tests()).containsEntry(WRITER.toString(), TestStatus.PASSED);
    }

    @Test
    void oneFailingTestFailsItsClass() {
        Grade.Graded graded = grade(List.of(
                test("com.google.gson.stream.JsonWriterTest#testNulls", TestStatus.PASSED),
                test("com.google.gson.stream.JsonWriterTest#testEscapes", TestStatus.FAILED),
                test("com.google.gson.stream.JsonReaderTest#testRead", TestStatus.PASSED)));

        assertThat(graded.outcome()).isEqualTo(Outcome.RESOLVED_NO);
        assertThat(graded.tests()).containsEntry(WRITER.toString(), TestStatus.FAILED);
    }

    @Test
    void aClassThatOnlySkippedOrDidNotRunHasNotPassed() {
        assertThat(grade(List.of(
                test("com.google.gson.stream.JsonWriterTest#testNulls", TestStatus.SKIPPED),
                test("com.google.gson.stream.JsonReaderTest#testRead", TestStatus.PASSED))).outcome())
                .isEqualTo(Outcome.RESOLVED_NO);
        assertThat(grade(List.of(test("com.google.gson.stream.JsonReaderTest#testRead", TestStatus.PASSED)))
                .tests()).containsEntry(WRITER.toString(), TestStatus.MISSING);
    }
}

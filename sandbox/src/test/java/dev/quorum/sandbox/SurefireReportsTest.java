package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurefireReportsTest {
    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="com.acme.FooTest" tests="6" failures="1" errors="1" skipped="1">
              <testcase name="passes" classname="com.acme.FooTest" time="0.01"/>
              <testcase name="fails" classname="com.acme.FooTest" time="0.02">
                <failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError">trace</failure>
              </testcase>
              <testcase name="throws" classname="com.acme.FooTest" time="0.02">
                <error message="boom" type="java.lang.IllegalStateException">trace</error>
              </testcase>
              <testcase name="skipped" classname="com.acme.FooTest"><skipped/></testcase>
              <testcase name="bar(int)[1]" classname="com.acme.FooTest" time="0.001"/>
              <testcase name="bar(int)[2]" classname="com.acme.FooTest" time="0.001">
                <failure message="no"/>
              </testcase>
              <testcase name="inner" classname="com.acme.FooTest$Nested" time="0.001">
                <flakyFailure message="first try failed"/>
              </testcase>
            </testsuite>
            """;

    @Test
    void readsEveryOutcome() throws IOException {
        List<ReportedTest> tests = SurefireReports.parse(XML.getBytes(StandardCharsets.UTF_8), "TEST-x.xml");
        assertThat(tests).extracting(t -> t.id().toString() + "=" + t.status()).containsExactly(
                "com.acme.FooTest#passes=PASSED", "com.acme.FooTest#fails=FAILED", "com.acme.FooTest#throws=ERROR",
                "com.acme.FooTest#skipped=SKIPPED", "com.acme.FooTest#bar(int)[1]=PASSED",
                "com.acme.FooTest#bar(int)[2]=FAILED", "com.acme.FooTest$Nested#inner=PASSED");
        assertThat(tests.get(1).message()).isEqualTo("expected: <1> but was: <2>");
        assertThat(tests.get(1).exceptionType()).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(tests.get(2).exceptionType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(tests.get(0).exceptionType()).isEmpty();
        assertThat(tests.get(6).flaky()).isTrue();
    }

    @Test
    void mapsRequestedIdsToCombinedOutcomes() throws IOException {
        List<ReportedTest> tests = SurefireReports.parse(XML.getBytes(StandardCharsets.UTF_8), "TEST-x.xml");
        var outcomes = SurefireReports.outcomes(List.of(TestId.parse("com.acme.FooTest#bar"),
                TestId.parse("com.acme.FooTest#passes"), TestId.parse("com.acme.FooTest#gone"),
                TestId.parse("com.acme.FooTest$Nested#inner")), tests);
        assertThat(outcomes).containsEntry(TestId.parse("com.acme.FooTest#bar"), TestStatus.FAILED)
                .containsEntry(TestId.parse("com.acme.FooTest#passes"), TestStatus.PASSED)
                .containsEntry(TestId.parse("com.acme.FooTest#gone"), TestStatus.MISSING)
                .containsEntry(TestId.parse("com.acme.FooTest$Nested#inner"), TestStatus.PASSED);
    }

    @Test
    void rejectsBrokenXmlClearly() {
        assertThatThrownBy(() -> SurefireReports.parse("<testsuite><testcase".getBytes(StandardCharsets.UTF_8), "TEST-y.xml"))
                .isInstanceOf(IOException.class).hasMessageContaining("TEST-y.xml");
    }
}

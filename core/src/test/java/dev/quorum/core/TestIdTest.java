package dev.quorum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestIdTest {

    @Test
    void parsesMethodAndClassIds() {
        assertThat(TestId.parse("com.acme.FooTest#barWorks")).isEqualTo(new TestId("com.acme.FooTest", "barWorks"));
        assertThat(TestId.parse("com.acme.FooTest").isWholeClass()).isTrue();
        assertThat(TestId.parse("com.acme.FooTest$Inner#bar(int)[2]").toString())
                .isEqualTo("com.acme.FooTest$Inner#bar(int)[2]");
    }

    @Test
    void baseMethodDropsParametersAndIndex() {
        assertThat(TestId.parse("a.B#bar(int)[2]").baseMethod()).isEqualTo("bar");
        assertThat(TestId.parse("a.B#bar[1]").baseMethod()).isEqualTo("bar");
        assertThat(TestId.parse("a.B$C#x").topLevelClass()).isEqualTo("a.B");
    }

    @Test
    void coversParameterizedInvocationsAndNestedClasses() {
        assertThat(TestId.parse("a.B#bar").covers(TestId.parse("a.B#bar(int)[2]"))).isTrue();
        assertThat(TestId.parse("a.B#bar").covers(TestId.parse("a.B#barista"))).isFalse();
        assertThat(TestId.parse("a.B").covers(TestId.parse("a.B$Inner#x"))).isTrue();
        assertThat(TestId.parse("a.B#bar(int)[1]").covers(TestId.parse("a.B#bar(int)[2]"))).isFalse();
        assertThat(TestId.parse("a.B#x").covers(TestId.parse("a.BC#x"))).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> TestId.parse("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestId.parse("a b#c")).hasMessageContaining("not a test class name");
    }

    @Test
    void combineKeepsTheWorstOutcome() {
        assertThat(TestStatus.combine(TestStatus.PASSED, TestStatus.FAILED)).isEqualTo(TestStatus.FAILED);
        assertThat(TestStatus.combine(TestStatus.MISSING, TestStatus.PASSED)).isEqualTo(TestStatus.PASSED);
        assertThat(TestStatus.combine(TestStatus.SKIPPED, TestStatus.ERROR)).isEqualTo(TestStatus.ERROR);
        assertThat(TestStatus.combine(TestStatus.PASSED, TestStatus.PASSED)).isEqualTo(TestStatus.PASSED);
    }
}

package dev.quorum.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.TestId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestKeysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "com.acme.FooTest | com.acme.FooTest",
            "com.acme.FooTest#bar | com.acme.FooTest#bar",
            "com.acme.FooTest#bar(int)[3] | com.acme.FooTest#bar",
            "com.acme.FooTest > bar() | com.acme.FooTest#bar",
            "com.acme.FooTest > bar(String) > [2] x, y | com.acme.FooTest#bar",
            "com.acme.FooTest > returns empty when missing | com.acme.FooTest",
            "bar(com.acme.FooTest) | com.acme.FooTest#bar",
            "com.acme.FooTest.bar | com.acme.FooTest#bar",
            "com.acme.FooTest$Nested | com.acme.FooTest$Nested",
            "FooTest | FooTest",
            "com.acme.FooTest[1] | com.acme.FooTest",
    })
    void convertsTestNames(String key, String expected) {
        assertThat(TestKeys.toTestId(key)).contains(TestId.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"compileJava", ":core:test", "core:compileTestJava", "> Task :test", "", "com.acme.lowercase"})
    void dropsKeysThatAreNotTests(String key) {
        assertThat(TestKeys.toTestId(key)).isEqualTo(Optional.empty());
    }
}

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
            "gson:com.google.gson.stream.JsonWriterTest | com.google.gson.stream.JsonWriterTest",
            "gson:com.google.gson.stream.JsonWriterTest#testNulls | com.google.gson.stream.JsonWriterTest#testNulls",
            "jackson-core:com.fasterxml.jackson.core.read.NumberParsingTest | com.fasterxml.jackson.core.read.NumberParsingTest",
    })
    void convertsTestNames(String key, String expected) {
        assertThat(TestKeys.toTestId(key)).contains(TestId.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gson:com.google.gson.stream.JsonWriterTest | gson",
            "extras/typeadapters:com.google.gson.typeadapters.PostConstructAdapterFactoryTest | extras/typeadapters",
            "com.google.gson.stream.JsonWriterTest | ",
    })
    void keepsTheModuleAKeyNames(String key, String module) {
        assertThat(TestKeys.parse(key)).hasValueSatisfying(k -> assertThat(k.module()).isEqualTo(module));
    }

    @ParameterizedTest
    @ValueSource(strings = {"compileJava", "gson:compileTestJava", "gson:", ":core:test", "core:compileTestJava", "> Task :test", "", "com.acme.lowercase"})
    void dropsKeysThatAreNotTests(String key) {
        assertThat(TestKeys.toTestId(key)).isEqualTo(Optional.empty());
    }
}

package dev.quorum.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepoPathsTest {

    @Test
    void testSourcesOfEveryModule() {
        assertThat(RepoPaths.isTestSource("src/test/java/a/FooTest.java")).isTrue();
        assertThat(RepoPaths.isTestSource("core/src/test/resources/data.json")).isTrue();
        assertThat(RepoPaths.isTestSource("src/it/simple/pom.xml")).isTrue();
        assertThat(RepoPaths.isTestSource("lib/src/testFixtures/java/a/Fixture.java")).isTrue();
        assertThat(RepoPaths.isTestSource("core/src/test")).isTrue();
        assertThat(RepoPaths.isTestSource("src/main/java/a/Foo.java")).isFalse();
        assertThat(RepoPaths.isTestSource("src/testing/Foo.java")).isFalse();
        assertThat(RepoPaths.isTestSource("docs/src/tests.md")).isFalse();
    }

    @Test
    void buildFilesOfEveryModule() {
        assertThat(RepoPaths.isBuildFile("pom.xml")).isTrue();
        assertThat(RepoPaths.isBuildFile("core/pom.xml")).isTrue();
        assertThat(RepoPaths.isBuildFile(".mvn/wrapper/maven-wrapper.properties")).isTrue();
        assertThat(RepoPaths.isBuildFile(".mvn/jvm.config")).isTrue();
        assertThat(RepoPaths.isBuildFile("mvnw")).isTrue();
        assertThat(RepoPaths.isBuildFile("mvnw.cmd")).isTrue();
        assertThat(RepoPaths.isBuildFile("build.gradle.kts")).isTrue();
        assertThat(RepoPaths.isBuildFile("src/main/resources/pom.xml.template")).isFalse();
        assertThat(RepoPaths.isBuildFile("src/main/java/a/Pom.java")).isFalse();
    }

    @Test
    void testClassesUnderEveryTestSourceRootFollowSurefireAndFailsafeNames() {
        assertThat(RepoPaths.testClassOf("src/test/java/a/FooTest.java")).contains(TestId.ofClass("a.FooTest"));
        assertThat(RepoPaths.testClassOf("core/src/it/java/a/ServerIT.java")).contains(TestId.ofClass("a.ServerIT"));
        assertThat(RepoPaths.testClassOf("lib/src/testFixtures/java/a/TestBase.java"))
                .contains(TestId.ofClass("a.TestBase"));
        assertThat(RepoPaths.testClassOf("src/test/java/a/Helpers.java")).isEmpty();
        assertThat(RepoPaths.testClassOf("src/main/java/a/FooTest.java")).isEmpty();
        assertThat(RepoPaths.testClassOf("src/test/resources/a/FooTest.txt")).isEmpty();
        assertThat(RepoPaths.testedClassName("FooTests")).contains("Foo");
        assertThat(RepoPaths.testedClassName("TestFoo")).contains("Foo");
        assertThat(RepoPaths.testedClassName("Testing")).isEmpty();
        // the class under test that the repair engine's ranking prefers on ties (OchiaiTest)
        assertThat(RepoPaths.testedClassName("StrBuilderTest")).contains("StrBuilder");
        assertThat(RepoPaths.testedClassName("RangeTests")).contains("Range");
        assertThat(RepoPaths.testedClassName("ParserTestCase")).contains("Parser");
        assertThat(RepoPaths.testedClassName("TestLexer")).contains("Lexer");
        assertThat(RepoPaths.testedClassName("Test")).isEmpty();
    }

    @Test
    void aMainSourcesConventionalTestsSitInItsOwnModulesTestRoot() {
        assertThat(RepoPaths.conventionalTestSources("gson/src/main/java/com/google/gson/Gson.java")).containsExactly(
                "gson/src/test/java/com/google/gson/GsonTest.java", "gson/src/test/java/com/google/gson/GsonTests.java",
                "gson/src/test/java/com/google/gson/TestGson.java");
        assertThat(RepoPaths.conventionalTestSources("src/main/java/Top.java")).first().isEqualTo("src/test/java/TopTest.java");
        assertThat(RepoPaths.conventionalTestSources("src/main/resources/a.properties")).isEmpty();
        assertThat(RepoPaths.conventionalTestSources("src/test/java/a/FooTest.java")).isEmpty();
    }
}

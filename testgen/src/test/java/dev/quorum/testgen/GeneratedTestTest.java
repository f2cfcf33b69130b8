package dev.quorum.testgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeneratedTestTest {
    @Test
    void parsesTheFirstJavaBlockAndPlacesItUnderTheModule() {
        Optional<GeneratedTest> test = GeneratedTest.parse("Sure.\n```java\npackage com.acme;\n\nclass FooTest {\n}\n```\nDone.");

        assertThat(test).isPresent();
        assertThat(test.get().qualifiedName()).isEqualTo("com.acme.FooTest");
        assertThat(test.get().path("core")).isEqualTo("core/src/test/java/com/acme/FooTest.java");
        assertThat(test.get().renamed("FooTestRepro2").source()).contains("class FooTestRepro2 {");
        assertThat(test.get().asPatch(null).text()).isEqualTo("""
                diff --git a/src/test/java/com/acme/FooTest.java b/src/test/java/com/acme/FooTest.java
                new file mode 100644
                --- /dev/null
                +++ b/src/test/java/com/acme/FooTest.java
                @@ -0,0 +1,4 @@
                +package com.acme;
                +
                +class FooTest {
                +}
                """);
        assertThat(GeneratedTest.parse("no code here")).isEmpty();
    }

    @Test
    void anExceptionCountsOnlyWhenTheIssueNamesIt() {
        String issue = "Parsing fails with java.lang.IllegalStateException: bad state";
        assertThat(DefaultTestGenerator.issueNames(issue, "java.lang.IllegalStateException")).isTrue();
        assertThat(DefaultTestGenerator.issueNames(issue, "java.lang.NullPointerException")).isFalse();
        assertThat(DefaultTestGenerator.issueNames(issue, "")).isFalse();
    }
}

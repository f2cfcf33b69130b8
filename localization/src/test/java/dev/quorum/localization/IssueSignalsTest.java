package dev.quorum.localization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IssueSignalsTest {

    @Test
    void readsFramesNamesQuotedCodeAndPaths() {
        IssueSignals s = IssueSignals.parse("""
                ```java
                new FencedOnly().run();
                ```
                `ConfigParser#parseLine` throws when a line has no separator; see src/main/java/com/acme/Foo.java
                and also Bar.java. The com.acme.config.ConfigLoader calls `parseAll()`.
                java.lang.StringIndexOutOfBoundsException: begin 0, end -1
                    at java.base/java.lang.String.substring(String.java:2709)
                    at com.acme.text.ConfigParser.parseLine(ConfigParser.java:20)
                    at com.acme.text.ConfigParser$Inner.lambda$run$0(Unknown Source)
                """);

        assertThat(s.frames()).containsExactly(
                new IssueSignals.Frame("java.lang.String", "substring", "String.java", 2709),
                new IssueSignals.Frame("com.acme.text.ConfigParser", "parseLine", "ConfigParser.java", 20),
                new IssueSignals.Frame("com.acme.text.ConfigParser$Inner", "lambda$run$0", null, 0));
        assertThat(s.frames().get(2).outerClassName()).isEqualTo("com.acme.text.ConfigParser");
        assertThat(s.qualifiedNames()).contains("com.acme.config.ConfigLoader", "java.lang.StringIndexOutOfBoundsException");
        assertThat(s.capitalizedNames()).contains("ConfigParser");
        assertThat(s.methodMentions()).contains(new IssueSignals.MethodMention("ConfigParser", "parseLine"),
                new IssueSignals.MethodMention(null, "parseAll"));
        assertThat(s.quotedCode()).contains("ConfigParser#parseLine").contains("parseAll()").doesNotContain("FencedOnly");
        assertThat(s.namesOnlyInCode()).contains("FencedOnly").doesNotContain("ConfigParser");
        assertThat(s.paths()).containsExactly("src/main/java/com/acme/Foo.java", "Bar.java");
        // The words to match keep the exception message but not the frames' packages and names.
        assertThat(s.withoutFrames()).contains("StringIndexOutOfBoundsException: begin 0, end -1")
                .doesNotContain("java.base").doesNotContain("ConfigParser.java:20").doesNotContain("lambda$run$0");
    }
}

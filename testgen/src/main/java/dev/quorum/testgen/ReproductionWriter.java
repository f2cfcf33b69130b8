package dev.quorum.testgen;

import dev.quorum.model.ChatOutcome;
import dev.quorum.model.ChatRequest;
import dev.quorum.model.Message;
import dev.quorum.model.ModelClient;

/** Asks the model for one reproduction test, in the framework and style of the module under test. */
final class ReproductionWriter {
    static final String SYSTEM = """
            You write tests that reproduce bugs in Java repositories, in the test framework the repository already
            uses. A good reproduction test fails on the current code because of the bug the issue describes (an
            assertion about the expected behaviour, or the exception the issue reports) and passes once the bug is
            fixed. It compiles against the current code: call only classes and methods that exist.""";

    private ReproductionWriter() {
    }

    static String prompt(String issueText, String context, TestStyle style) {
        TestStyle.Framework f = style.framework();
        return "<issue>\n" + issueText.strip() + "\n</issue>\n\n"
                + (context.isBlank() ? "" : "Relevant code:\n" + context + "\n\n")
                + (style.example().isBlank() ? "" : "An existing test of this module, to follow its style (" + f.label
                + "):\n```java\n" + style.example().strip() + "\n```\n\n")
                + "Write one " + f.label + " test class that reproduces the issue. Answer with a single ```java block:"
                + " the package of the code under test, the imports, a class whose name ends in Test, and one or more"
                + " test methods. Use " + f.imports + " Use only the test framework and the repository's own classes.";
    }

    /** Attempt 0 is greedy; the others sample, for variety. */
    static double temperature(int attempt) {
        return attempt == 0 ? 0.0 : Math.min(1.0, 0.6 + 0.1 * attempt);
    }

    /** The model's answer. */
    static ChatOutcome ask(ModelClient model, String issueText, String context, TestStyle style, int attempt) {
        return model.chat(ChatRequest.of(Message.system(SYSTEM), Message.user(prompt(issueText, context, style)))
                .withTemperature(temperature(attempt)));
    }
}

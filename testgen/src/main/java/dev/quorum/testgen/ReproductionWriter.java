package dev.quorum.testgen;

import dev.quorum.model.ChatOutcome;
import dev.quorum.model.ChatRequest;
import dev.quorum.model.Message;
import dev.quorum.model.ModelClient;

/** Asks the model for one reproduction test. */
final class ReproductionWriter {
    static final String SYSTEM = """
            You write JUnit 5 tests that reproduce bugs in Java repositories. A good reproduction test fails on
            the current code because of the bug the issue describes (an assertion about the expected behaviour,
            or the exception the issue reports) and passes once the bug is fixed. It compiles against the
            current code: call only classes and methods that exist.""";

    private ReproductionWriter() {
    }

    static String prompt(String issueText, String context) {
        return "<issue>\n" + issueText.strip() + "\n</issue>\n\n"
                + (context.isBlank() ? "" : "Relevant code:\n" + context + "\n\n")
                + "Write one JUnit 5 test class that reproduces the issue. Answer with a single ```java block: the"
                + " package of the code under test, the imports, a class whose name ends in Test, and one or more"
                + " @Test methods. Use only org.junit.jupiter.api and the repository's own classes.";
    }

    /** Attempt 0 is greedy; the others sample, for variety. */
    static double temperature(int attempt) {
        return attempt == 0 ? 0.0 : Math.min(1.0, 0.6 + 0.1 * attempt);
    }

    /** The model's answer text, or a failure description starting with "model: ". */
    static ChatOutcome ask(ModelClient model, String issueText, String context, int attempt) {
        return model.chat(ChatRequest.of(Message.system(SYSTEM), Message.user(prompt(issueText, context)))
                .withTemperature(temperature(attempt)));
    }
}

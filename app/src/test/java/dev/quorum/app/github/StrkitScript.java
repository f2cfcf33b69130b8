package dev.quorum.app.github;

import dev.quorum.agent.Scripts;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import java.util.Map;

/**
 * The scripted model for the bundled {@code acme__strkit-12} fixture: testgen gets a reproduction test, trajectory 1
 * fixes the bug (count code points) and trajectory 2 makes a wrong edit; both then submit.
 */
final class StrkitScript {
    static final String FILE = "src/main/java/com/acme/strkit/Abbreviator.java";

    private StrkitScript() {
    }

    static void oneRightOneWrong(ScriptedModelServer model) {
        model.always(r -> Scripts.attempt(r) < 0, ScriptedReply.text("```java\npackage com.acme.strkit;\n\n"
                + "import static org.junit.jupiter.api.Assertions.assertEquals;\nimport org.junit.jupiter.api.Test;\n\n"
                + "class AbbreviatorEmojiTest {\n    @Test\n    void reproduces() {\n        assertEquals(\"\\uD83D\\uDE80 deploy\","
                + " Abbreviator.abbreviate(\"\\uD83D\\uDE80 deploy\", 8));\n    }\n}\n```\n"));
        String buggy = "if (text.length() <= maxWidth) {";
        model.always(r -> Scripts.attempt(r) == 1 && Scripts.assistantTurns(r) == 0,
                Scripts.call("edit", "str_replace", Map.of("path", FILE,
                        "old_str", buggy, "new_str", "if (text.codePointCount(0, text.length()) <= maxWidth) {")));
        model.always(r -> Scripts.attempt(r) == 2 && Scripts.assistantTurns(r) == 0,
                Scripts.call("edit", "str_replace", Map.of("path", FILE,
                        "old_str", buggy, "new_str", "if (text.length() < maxWidth) {")));
        model.always(r -> Scripts.attempt(r) > 0 && Scripts.assistantTurns(r) == 1, Scripts.submit("done"));
    }
}

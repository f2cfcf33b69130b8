package dev.quorum.agent;

import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.ReportedTest;
import dev.quorum.sandbox.TestRunResult;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test ids as the model writes them, and a test run as the model reads it. */
final class TestIds {
    /** A Java file under a test source root ({@code src/test}, {@code src/it}, {@code src/testFixtures}). */
    private static final Pattern TEST_FILE = Pattern.compile("(?:^|.*/)src/(?:test|it|testFixtures)/java/(.+)\\.java");

    private TestIds() {
    }

    static TestId parse(String text) {
        try {
            return TestId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ToolError("not a test id: '" + text + "' (use com.acme.FooTest or com.acme.FooTest#method)");
        }
    }

    /** The class a test file declares, whatever its name (a model's new test need not follow Surefire's). */
    static TestId ofFile(String relativePath) {
        Matcher m = TEST_FILE.matcher(relativePath);
        if (!m.matches()) {
            throw new ToolError(relativePath + " is not a Java file under src/test/java/ (or src/it/java/)");
        }
        return TestId.ofClass(m.group(1).replace('/', '.'));
    }

    static String describe(TestRunResult.Ran ran) {
        StringBuilder out = new StringBuilder();
        long passed = ran.requested().values().stream().filter(s -> s == TestStatus.PASSED).count();
        out.append(passed).append(" of ").append(ran.requested().size()).append(" requested tests passed\n");
        for (Map.Entry<TestId, TestStatus> e : ran.requested().entrySet()) {
            out.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        for (ReportedTest t : ran.reported()) {
            if (t.status() == TestStatus.FAILED || t.status() == TestStatus.ERROR) {
                out.append("  ").append(t.status()).append(' ').append(t.id()).append(": ");
                if (!t.exceptionType().isEmpty()) {
                    out.append(t.exceptionType()).append(": ");
                }
                out.append(t.message()).append('\n');
            }
        }
        return out.toString();
    }
}

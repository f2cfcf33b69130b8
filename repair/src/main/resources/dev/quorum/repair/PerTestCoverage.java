package quorum.coverage;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Compiled inside the sandbox (against the test JVM's own JUnit Platform, at Java 8 level) and put on Surefire's
 * class path with a service file: the JUnit Platform launcher registers it, and it takes the JaCoCo agent's
 * execution data (and resets it) around every test, so one test run gives per-test coverage.
 * Writes {@code <n>.exec} per test and {@code index.tsv}: n, class#method, SUCCESSFUL|FAILED|ABORTED.
 */
public class PerTestCoverage implements TestExecutionListener {
    private static final Path DIR = Paths.get(System.getProperty("quorum.coverage.dir", "/tmp/quorum-coverage"));
    private int next;

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            take();
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest() || !test.getSource().isPresent() || !(test.getSource().get() instanceof MethodSource)) {
            return;
        }
        MethodSource method = (MethodSource) test.getSource().get();
        byte[] data = take();
        if (data == null) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            int n;
            synchronized (this) {
                n = next++;
            }
            Files.write(DIR.resolve(n + ".exec"), data);
            String line = n + "\t" + method.getClassName() + "#" + method.getMethodName() + "\t"
                    + result.getStatus() + "\n";
            Files.write(DIR.resolve("index.tsv"), line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (Exception e) {
            System.err.println("quorum coverage: " + e);
        }
    }

    /** The agent's data since the last call, reset; null without the agent. */
    private static byte[] take() {
        try {
            Object agent = Class.forName("org.jacoco.agent.rt.RT").getMethod("getAgent").invoke(null);
            Method data = Class.forName("org.jacoco.agent.rt.IAgent").getMethod("getExecutionData", boolean.class);
            return (byte[]) data.invoke(agent, true);
        } catch (Exception noAgent) {
            return null;
        }
    }
}

package dev.quorum.repair;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.Command;
import dev.quorum.sandbox.ExecResult;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxException;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jacoco.agent.AgentJar;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ISourceFileCoverage;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.tools.ExecFileLoader;

/**
 * Per-test line coverage under Maven with the JaCoCo agent on Surefire's test JVM ({@code -DargLine=-javaagent:...}):
 * the execution data of every test is read back and analyzed on the host against the class files that build
 * compiled.
 */
final class CoverageCollector {
    private static final Duration SMALL_STEP = Duration.ofMinutes(2);

    private final TestRunner maven;
    private final BuildHints hints;
    private final Duration timeout;
    private final String includes;

    CoverageCollector(TestRunner maven, BuildHints hints, Duration timeout, SourceIndex sources) {
        this.maven = maven;
        this.hints = hints;
        this.timeout = timeout;
        this.includes = sources.includes();
    }

    /** What one test covered, whether it passed, and the stack frames of its failure. */
    record TestCoverage(TestId test, boolean passed, Set<String> lines, Set<String> frames) {
    }

    /**
     * Per-test coverage of {@code tests} (failing ones first). On the JUnit Platform one Maven run does it: a listener
     * compiled in the sandbox ({@code PerTestCoverage}) takes the agent's data around every test. Where that gives
     * nothing (JUnit 4's own Surefire provider, TestNG), each test runs alone, at most {@code perTestRuns} of them.
     * A test whose run gave no outcome is left out and said so in {@code problems}.
     */
    List<TestCoverage> measure(Sandbox sandbox, List<TestId> tests, int perTestRuns, Path scratch,
                               List<String> problems) {
        String agent = sandbox.scratchDir() + "/jacocoagent.jar";
        sandbox.writeFile(agent, agentJar());
        List<Measured> runs = inOneRun(sandbox, agent, tests, problems);
        if (runs.isEmpty()) {
            runs = oneByOne(sandbox, agent, tests.subList(0, Math.min(tests.size(), perTestRuns)), problems);
        }
        Path classes = copyClasses(sandbox, scratch);
        List<TestCoverage> out = new ArrayList<>();
        for (Measured m : runs) {
            out.add(new TestCoverage(m.test, m.passed, coveredLines(m.exec, classes), m.frames));
        }
        return out;
    }

    private List<Measured> inOneRun(Sandbox sandbox, String agent, List<TestId> tests, List<String> problems) {
        String dir = sandbox.scratchDir() + "/per-test-coverage";
        String source = dir + "/PerTestCoverage.java";
        sandbox.writeFile(source, listenerSource());
        ExecResult compiled = sandbox.run(Command.shell(SMALL_STEP, """
                set -e
                jar() { find "$HOME/.m2/repository/org/junit/platform" -name "junit-platform-$1-*.jar" \
                  ! -name '*-sources.jar' ! -name '*-javadoc.jar' 2>/dev/null | sort -V | tail -n 1; }
                CP="$(jar launcher):$(jar engine):$(jar commons)"
                mkdir -p %1$s/classes/META-INF/services
                javac --release 8 -nowarn -d %1$s/classes -cp "$CP" %2$s 2>/dev/null \
                  || javac --release 11 -nowarn -d %1$s/classes -cp "$CP" %2$s
                echo quorum.coverage.PerTestCoverage \
                  > %1$s/classes/META-INF/services/org.junit.platform.launcher.TestExecutionListener
                """.formatted(dir, source)));
        if (!compiled.succeeded()) {
            problems.add("per-test coverage listener not compiled (no JUnit Platform in the build): "
                    + compiled.output().text().strip().lines().reduce((a, b) -> b).orElse(""));
            return List.of();
        }
        List<String> flags = new ArrayList<>(hints.flags());
        flags.add("-DargLine=-javaagent:" + agent + "=output=none,dumponexit=false,includes=" + includes
                + " -Dquorum.coverage.dir=" + dir + "/data");
        flags.add("-Dmaven.test.additionalClasspath=" + dir + "/classes");
        TestRunResult result = maven.run(sandbox, "", tests, new BuildHints(hints.tool(), hints.module(),
                hints.jdk(), flags), timeout);
        String index;
        try {
            index = new String(sandbox.readFile(dir + "/data/index.tsv"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (SandboxException none) {
            problems.add("one run gave no per-test coverage (" + result.getClass().getSimpleName() + ")");
            return List.of();
        }
        List<Measured> runs = new ArrayList<>();
        for (String line : index.lines().toList()) {
            String[] cells = line.split("\t");
            if (cells.length != 3) {
                continue;
            }
            TestId test = TestId.parse(cells[1]);
            boolean passed = cells[2].equals("SUCCESSFUL");
            runs.add(new Measured(test, passed, sandbox.readFile(dir + "/data/" + cells[0] + ".exec"),
                    passed ? Set.of() : StackFrames.in(reportOf(sandbox, test))));
        }
        return runs;
    }

    private List<Measured> oneByOne(Sandbox sandbox, String agent, List<TestId> tests, List<String> problems) {
        List<Measured> runs = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            TestId test = tests.get(i);
            String exec = sandbox.scratchDir() + "/coverage-" + i + ".exec";
            List<String> flags = new ArrayList<>(hints.flags());
            flags.add("-DargLine=-javaagent:" + agent + "=destfile=" + exec + ",includes=" + includes);
            TestRunResult result = maven.run(sandbox, "", List.of(test),
                    new BuildHints(hints.tool(), hints.module(), hints.jdk(), flags), timeout);
            if (!(result instanceof TestRunResult.Ran ran)) {
                problems.add(test + ": no coverage (" + result.getClass().getSimpleName() + ")");
                continue;
            }
            TestStatus status = ran.requested().getOrDefault(test, TestStatus.MISSING);
            if (status == TestStatus.MISSING || status == TestStatus.SKIPPED) {
                problems.add(test + ": did not run");
                continue;
            }
            byte[] data;
            try {
                data = sandbox.readFile(exec);
            } catch (SandboxException noFile) {
                problems.add(test + ": the test JVM wrote no coverage (does the build set its own argLine?)");
                continue;
            }
            boolean passed = status == TestStatus.PASSED;
            runs.add(new Measured(test, passed, data, passed ? Set.of() : StackFrames.in(reportOf(sandbox, test))));
        }
        return runs;
    }

    private record Measured(TestId test, boolean passed, byte[] exec, Set<String> frames) {
    }

    /** The Surefire XML report of the test's class (its failure's stack trace is in it), or empty. */
    private String reportOf(Sandbox sandbox, TestId test) {
        ExecResult found = sandbox.run(Command.shell(SMALL_STEP, "find . -path ./.git -prune -o -type f -name 'TEST-"
                + test.topLevelClass().replace("'", "") + ".xml' -path '*/surefire-reports/*' -print"
                + " | head -n 1 | xargs -r head -c 1000000"));
        return found.output().text();
    }

    /** The class directories the build wrote, copied to the host (JaCoCo matches exec data to these bytes). */
    private static Path copyClasses(Sandbox sandbox, Path scratch) {
        ExecResult found = sandbox.run(Command.shell(SMALL_STEP,
                "find . -path ./.git -prune -o -type d -path '*/target/classes' -print"));
        Path dest = scratch.resolve("classes");
        int n = 0;
        for (String dir : found.output().text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            sandbox.copyOut(dir.startsWith("./") ? dir.substring(2) : dir, dest.resolve(Integer.toString(n++)));
        }
        return dest;
    }

    /** {@code com/acme/Foo.java:12} keys of the lines with at least one instruction executed. */
    private static Set<String> coveredLines(byte[] exec, Path classes) {
        try {
            ExecFileLoader loader = new ExecFileLoader();
            loader.load(new ByteArrayInputStream(exec));
            CoverageBuilder builder = new CoverageBuilder();
            Analyzer analyzer = new Analyzer(loader.getExecutionDataStore(), builder);
            Set<String> analyzed = new HashSet<>();
            for (ExecutionData data : loader.getExecutionDataStore().getContents()) {
                for (Path file : classFiles(classes, data.getName())) {
                    if (analyzed.add(data.getName())) {
                        try (InputStream in = Files.newInputStream(file)) {
                            analyzer.analyzeClass(in, data.getName());
                        }
                    }
                }
            }
            Set<String> lines = new LinkedHashSet<>();
            for (ISourceFileCoverage source : builder.getSourceFiles()) {
                String key = (source.getPackageName().isEmpty() ? "" : source.getPackageName() + "/")
                        + source.getName();
                for (int line = source.getFirstLine(); line <= source.getLastLine() && line > 0; line++) {
                    int status = source.getLine(line).getStatus();
                    if (status == ICounter.FULLY_COVERED || status == ICounter.PARTLY_COVERED) {
                        lines.add(key + ":" + line);
                    }
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JaCoCo coverage data", e);
        }
    }

    private static List<Path> classFiles(Path classes, String vmName) throws IOException {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (var dirs = Files.list(classes)) {
            for (Path dir : dirs.toList()) {
                // copyOut puts a directory's contents under its own name inside the destination.
                for (Path root : List.of(dir, dir.resolve("classes"))) {
                    Path file = root.resolve(vmName + ".class");
                    if (Files.isRegularFile(file)) {
                        found.add(file);
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static byte[] listenerSource() {
        try (InputStream in = CoverageCollector.class.getResourceAsStream("PerTestCoverage.java")) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the per-test coverage listener's source is missing from the jar", e);
        }
    }

    private static byte[] agentJar() {
        try (InputStream in = AgentJar.getResourceAsStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JaCoCo agent jar from the classpath", e);
        }
    }
}

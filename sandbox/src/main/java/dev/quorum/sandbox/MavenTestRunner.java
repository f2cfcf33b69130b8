package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs tests with Maven: targeted ({@code -Dtest=...}, {@code -pl module -am}), offline in isolated sandboxes,
 * unrelated plugins skipped, results read from Surefire's XML reports and never from the console.
 */
final class MavenTestRunner implements TestRunner {
    private static final Pattern COMPILER_MESSAGE = Pattern.compile("^\\[ERROR\\] .*\\.java:\\[\\d+,\\d+\\].*$");
    private static final Duration SMALL_STEP = Duration.ofMinutes(2);

    @Override
    public TestRunResult run(Sandbox sandbox, String dir, List<TestId> tests, BuildHints hints, Duration timeout) {
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("no tests to run: give at least one test id");
        }
        String reportsTar = sandbox.scratchDir() + "/surefire-reports.tar";
        ExecResult probe = sandbox.run(Command.shell(SMALL_STEP, """
                test -f pom.xml || { echo NO_POM; exit 3; }
                find . -path '*/target/surefire-reports' -type d -prune -exec rm -rf {} + ; rm -f %s
                sed 's/^/PROFILE /' %s 2>/dev/null; true
                """.formatted(reportsTar, EnvImageBuilder.PROFILE_FILE)).in(dir));
        if (!probe.succeeded()) {
            throw new UnsupportedBuildException("no pom.xml in " + (dir.isEmpty() ? "the workspace" : dir)
                    + " of sandbox " + sandbox.id() + ": not a Maven project");
        }
        String profile = probe.output().text().lines().filter(l -> l.startsWith("PROFILE "))
                .map(l -> l.substring("PROFILE ".length())).findFirst().orElse("");
        boolean offline = sandbox.isolation().isolated();
        List<String> argv = MavenBuild.testCommand(tests, hints, offline);
        ExecResult build = sandbox.run(new Command(argv, dir, Map.of(), timeout));
        if (build instanceof ExecResult.TimedOut t) {
            return new TestRunResult.TimedOut(t.limit(), t.output());
        }
        String log = build.output().text();
        if (log.contains("COMPILATION ERROR") || log.contains("Compilation failure")) {
            return new TestRunResult.BuildFailed(compilerMessages(log), true, build.output(), build.elapsed());
        }
        List<ReportedTest> reported = collectReports(sandbox, dir, reportsTar);
        Map<TestId, dev.quorum.core.TestStatus> outcomes = SurefireReports.outcomes(tests, reported);
        if (!build.succeeded() && reported.isEmpty()) {
            return new TestRunResult.BuildFailed(errorLines(log), false, build.output(), build.elapsed());
        }
        return new TestRunResult.Ran(outcomes, reported, toolVersions(log, profile), build.output(),
                build.elapsed());
    }

    private static List<ReportedTest> collectReports(Sandbox sandbox, String dir, String tar) {
        ExecResult pack = sandbox.run(Command.shell(SMALL_STEP, "find . -path '*/target/surefire-reports/TEST-*.xml'"
                + " -print0 | tar --null -cf " + tar + " -T -").in(dir));
        if (!pack.succeeded()) {
            throw new SandboxException("could not collect the test reports: " + pack.output().text());
        }
        try {
            return SurefireReports.fromTar(sandbox.readFile(tar));
        } catch (IOException e) {
            throw new SandboxException("could not read the test reports: " + e.getMessage(), e);
        }
    }

    /**
     * Maven's {@code -V} banner at the top of the build log names the Maven and JDK versions; the env image's
     * build profile says why those (the wrapper's Maven, a JDK fallback).
     */
    static String toolVersions(String log, String profile) {
        String banner = log.lines().filter(l -> l.startsWith("Apache Maven") || l.startsWith("Java version"))
                .map(l -> l.replaceAll("\\u001B\\[[;\\d]*m", "")).limit(2).reduce((a, b) -> a + "; " + b)
                .orElse("unknown");
        return profile.isBlank() ? banner : banner + " [profile: " + profile + "]";
    }

    /** The compiler's messages: {@code file:[line,col] text}, with javac's indented detail lines joined on. */
    static List<String> compilerMessages(String log) {
        List<String> messages = new ArrayList<>();
        StringBuilder current = null;
        for (String line : log.lines().toList()) {
            if (COMPILER_MESSAGE.matcher(line).matches()) {
                if (current != null) {
                    messages.add(current.toString());
                }
                current = new StringBuilder(line.substring("[ERROR] ".length()));
            } else if (current != null && line.startsWith("[ERROR]   ")) {
                current.append("; ").append(line.substring("[ERROR]".length()).strip().replaceAll("\\s+", " "));
            } else if (current != null) {
                messages.add(current.toString());
                current = null;
            }
        }
        if (current != null) {
            messages.add(current.toString());
        }
        List<String> distinct = messages.stream().distinct().toList();
        return distinct.isEmpty() ? errorLines(log) : distinct;
    }

    private static List<String> errorLines(String log) {
        List<String> lines = log.lines().filter(l -> l.startsWith("[ERROR]")).map(l -> l.substring(7).strip())
                .filter(l -> !l.isEmpty() && !l.startsWith("-> [Help") && !l.startsWith("To see the full")
                        && !l.startsWith("Re-run Maven") && !l.startsWith("For more information"))
                .distinct().limit(40).toList();
        return lines.isEmpty() ? List.of("the build failed without an [ERROR] line; see the log") : lines;
    }
}

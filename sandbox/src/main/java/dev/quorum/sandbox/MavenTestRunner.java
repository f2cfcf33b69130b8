package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Runs tests with Maven: targeted ({@code -Dtest=...}, {@code -pl module -am}), offline in isolated sandboxes,
 * unrelated plugins skipped, results read from Surefire's XML reports and never from the console.
 *
 * <p>The reports are only believed when the run was sound: every process the tests left behind is killed before
 * they are collected, and a crashed test JVM, a report outside a module's own {@code target/surefire-reports} or an
 * oversized report makes the run {@link TestRunResult.Invalid} instead of a source of outcomes.
 */
final class MavenTestRunner implements TestRunner {
    private static final Pattern COMPILER_MESSAGE = Pattern.compile("^\\[ERROR\\] .*\\.java:\\[\\d+,\\d+\\].*$");
    private static final Pattern FORK_CRASH = Pattern.compile("The forked VM terminated without properly saying"
            + " goodbye|There was an error in the forked process|SurefireBooterForkException|Crashed tests:");
    private static final Duration SMALL_STEP = Duration.ofMinutes(2);
    private static final String REPORTS = "/target/surefire-reports/";

    private final long maxReportBytes;
    private final long maxReportsBytes;

    MavenTestRunner() {
        this(SurefireReports.MAX_REPORT_BYTES, SurefireReports.MAX_TOTAL_BYTES);
    }

    /** @param maxReportBytes largest single report read; @param maxReportsBytes largest sum of reports read */
    MavenTestRunner(long maxReportBytes, long maxReportsBytes) {
        this.maxReportBytes = maxReportBytes;
        this.maxReportsBytes = maxReportsBytes;
    }

    @Override
    public TestRunResult run(Sandbox sandbox, String dir, List<TestId> tests, BuildHints hints, Duration timeout) {
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("no tests to run: give at least one test id");
        }
        String reportsTar = sandbox.scratchDir() + "/surefire-reports.tar";
        // Modules are the directories holding a pom.xml before the build (not under src/, where test fixture projects
        // live): a report is only believed in one of theirs, and a module made up while the tests run is not one.
        ExecResult probe = sandbox.run(Command.shell(SMALL_STEP, """
                test -f pom.xml || { echo NO_POM; exit 3; }
                find . -path '*/target/surefire-reports' -type d -prune -exec rm -rf {} + ; rm -f %s
                find . \\( -path ./.git -o -path '*/target' -o -path '*/src' \\) -prune -o -name pom.xml -type f \\
                  -printf 'MODULE %%h\\n'
                find . -path ./.git -prune -o -type f -path '*/surefire-reports/TEST-*.xml' -printf 'BEFORE %%p\\n'
                sed 's/^/PROFILE /' %s 2>/dev/null; true
                """.formatted(reportsTar, EnvImageBuilder.PROFILE_FILE)).in(dir));
        if (!probe.succeeded()) {
            throw new UnsupportedBuildException("no pom.xml in " + (dir.isEmpty() ? "the workspace" : dir)
                    + " of sandbox " + sandbox.id() + ": not a Maven project");
        }
        String probed = probe.output().text();
        String profile = probed.lines().filter(l -> l.startsWith("PROFILE "))
                .map(l -> l.substring("PROFILE ".length())).findFirst().orElse("");
        Set<String> modules = prefixed(probed, "MODULE ");
        Set<String> before = prefixed(probed, "BEFORE ");
        boolean offline = sandbox.isolation().isolated();
        List<String> argv = MavenBuild.testCommand(tests, hints, offline);
        long start = System.nanoTime();
        ExecResult build;
        try {
            build = sandbox.run(new Command(argv, dir, Map.of(), timeout));
        } catch (SandboxLimitException e) {
            return new TestRunResult.Invalid(e.getMessage(), CapturedOutput.empty(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        if (build instanceof ExecResult.TimedOut t) {
            return new TestRunResult.TimedOut(t.limit(), t.output());
        }
        String log = build.output().text();
        if (log.contains("COMPILATION ERROR") || log.contains("Compilation failure")) {
            return new TestRunResult.BuildFailed(compilerMessages(log), true, build.output(), build.elapsed());
        }
        if (!build.succeeded() && FORK_CRASH.matcher(log).find()) {
            return invalid("the forked test JVM crashed or exited before reporting (a VM crash, or System.exit in"
                    + " the code under test); its reports are not graded", build);
        }
        if (sandbox.isolation().isolated()) {
            stopLeftoverProcesses(sandbox);
        }
        List<ReportedTest> reported;
        try {
            Found found = findReports(sandbox, dir, modules, before);
            if (!found.problem().isEmpty()) {
                return invalid(found.problem(), build);
            }
            reported = collectReports(sandbox, dir, reportsTar, found.reports());
        } catch (SurefireReports.TooLarge e) {
            return invalid(e.getMessage(), build);
        }
        Map<TestId, TestStatus> outcomes = SurefireReports.outcomes(tests, reported);
        if (!build.succeeded() && reported.isEmpty()) {
            return new TestRunResult.BuildFailed(errorLines(log), false, build.output(), build.elapsed());
        }
        return new TestRunResult.Ran(outcomes, reported, toolVersions(log, profile), build.output(),
                build.elapsed());
    }

    private static TestRunResult.Invalid invalid(String reason, ExecResult build) {
        return new TestRunResult.Invalid(reason, build.output(), build.elapsed());
    }

    private static Set<String> prefixed(String text, String prefix) {
        Set<String> values = new TreeSet<>();
        text.lines().filter(l -> l.startsWith(prefix)).forEach(l -> values.add(l.substring(prefix.length())));
        return values;
    }

    /**
     * Kills every process of the sandbox user except the container's init, the process that keeps the container
     * alive (init's first child) and this shell: a test may leave a process behind that goes on writing reports.
     */
    private static void stopLeftoverProcesses(Sandbox sandbox) {
        ExecResult killed = sandbox.run(Command.shell(SMALL_STEP, """
                keeper=$(cut -d' ' -f1 /proc/1/task/1/children)
                for round in 1 2 3; do
                  for p in /proc/[0-9]*; do
                    pid=${p#/proc/}
                    case "$pid" in 1|"$keeper"|"$$") continue ;; esac
                    kill -9 "$pid" 2>/dev/null
                  done
                done
                true
                """));
        if (!killed.succeeded()) {
            throw new SandboxException("could not stop the processes the tests left in sandbox " + sandbox.id()
                    + ": " + killed.output().text());
        }
    }

    /** The reports to read, or why none can be believed. */
    private record Found(List<String> reports, String problem) {
    }

    private Found findReports(Sandbox sandbox, String dir, Set<String> modules, Set<String> before) {
        ExecResult listed = sandbox.run(Command.shell(SMALL_STEP,
                "find . -path ./.git -prune -o -type f -path '*/surefire-reports/TEST-*.xml' -printf '%s %p\\n'")
                .in(dir));
        if (!listed.succeeded()) {
            throw new SandboxException("could not list the test reports: " + listed.output().text());
        }
        List<String> reports = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        long total = 0;
        for (String line : listed.output().text().lines().toList()) {
            int space = line.indexOf(' ');
            long size = Long.parseLong(line.substring(0, space));
            String path = line.substring(space + 1);
            if (before.contains(path)) {
                continue; // part of the repository (a fixture), not written by this run
            }
            int at = path.lastIndexOf(REPORTS);
            boolean own = at >= 0 && path.indexOf('/', at + REPORTS.length()) < 0
                    && modules.contains(path.substring(0, at));
            if (!own) {
                outside.add(path);
                continue;
            }
            if (size > maxReportBytes) {
                throw new SurefireReports.TooLarge("the test report " + path + " is " + (size >> 10) + " KiB, over"
                        + " the limit of " + (maxReportBytes >> 10) + " KiB; it is not read");
            }
            total += size;
            reports.add(path);
        }
        if (total > maxReportsBytes) {
            throw new SurefireReports.TooLarge("the test reports add up to " + (total >> 10) + " KiB, over the limit of "
                    + (maxReportsBytes >> 10) + " KiB; they are not read");
        }
        if (!outside.isEmpty()) {
            return new Found(List.of(), "test reports were written outside the modules' own target/surefire-reports"
                    + " (something other than Surefire wrote them): " + String.join(", ",
                    outside.subList(0, Math.min(10, outside.size()))));
        }
        return new Found(reports, "");
    }

    private List<ReportedTest> collectReports(Sandbox sandbox, String dir, String tar, List<String> reports) {
        List<String> argv = new ArrayList<>(List.of("bash", "-c",
                "tar -cf \"$0\" --files-from /dev/null && { [ $# -eq 0 ] || tar -rf \"$0\" -- \"$@\"; }"
                        + " && stat -c %s \"$0\"", tar));
        argv.addAll(reports);
        ExecResult pack = sandbox.run(new Command(argv, dir, Map.of(), SMALL_STEP));
        if (!pack.succeeded()) {
            throw new SandboxException("could not collect the test reports: " + pack.output().text());
        }
        long tarBytes = Long.parseLong(pack.output().text().strip().lines().reduce((a, b) -> b).orElse("0"));
        if (tarBytes > maxReportsBytes + (1L << 20) + 1024L * reports.size()) {
            throw new SurefireReports.TooLarge("the test reports grew to " + (tarBytes >> 10) + " KiB while being"
                    + " collected, over the limit of " + (maxReportsBytes >> 10) + " KiB; they are not read");
        }
        try {
            return SurefireReports.fromTar(sandbox.readFile(tar), maxReportBytes);
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

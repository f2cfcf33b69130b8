package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits that keep code under test from filling the host or faking its results, against real Docker sandboxes and
 * real Maven builds: the disk limit, and the test runner's refusal to grade from a crashed test JVM, from reports
 * written outside a module's own {@code target/surefire-reports}, or from oversized reports.
 */
class SandboxLimitsTest {
    /** Generous: the machine these run on is shared, and a slow build must not read as a hang. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(15);
    /** Alphabetical: the passing class reports before the crashing one. */
    private static final BuildHints APP = new BuildHints("maven", "app", null,
            List.of("-Dsurefire.runOrder=alphabetical"));

    @TempDir
    static Path tmp;
    static DockerTestEnvironment docker;
    static Path repo;

    @BeforeAll
    static void setUp() throws Exception {
        docker = DockerTestEnvironment.get();
        repo = MavenProjects.multiModule(tmp.resolve("calc"));
    }

    @Test
    void aSandboxWritingWithoutEndIsKilledAtItsDiskLimit() {
        long limit = 64L << 20;
        try (SandboxProvider provider = new DockerSandboxProvider(docker.engine(), Duration.ofMillis(200));
             Sandbox sandbox = provider.create(SandboxSpec.of(docker.base().tag())
                     .withLimits(SandboxSpec.Limits.defaults().withDiskBytes(limit)))) {
            assertThat(sandbox.isolation().hardening()).anySatisfy(h -> assertThat(h).contains("disk limit 64 MiB"));

            // 10 GiB in 8 MiB files, as a runaway test would write them; one file past the limit fails at once.
            assertThatThrownBy(() -> sandbox.run(Command.shell(Duration.ofMinutes(5), """
                    head -c 100M /dev/zero > /workspace/one-big-file; echo "big file: exit $?"
                    for i in $(seq 1 1280); do head -c 8M /dev/zero > /tmp/fill-$i; done; echo wrote 10 GiB
                    """)))
                    .isInstanceOf(SandboxLimitException.class)
                    .hasMessageContaining("over its disk limit of 64 MiB");
            assertThat(docker.containerExists(sandbox.id())).isFalse();
            assertThatThrownBy(() -> sandbox.run(Command.of(Duration.ofSeconds(5), "true")))
                    .isInstanceOf(SandboxLimitException.class);
        }
    }

    /** A fresh sandbox holding the calc project plus the given test files of module app. */
    private static Sandbox withTests(Map<String, String> files) {
        Sandbox sandbox = docker.sandboxWith(repo, BuildHints.none());
        files.forEach((name, source) -> sandbox.writeFile("app/src/test/java/dev/example/app/" + name,
                source.getBytes(StandardCharsets.UTF_8)));
        return sandbox;
    }

    private static final String PASSING = """
            package dev.example.app;

            class APassingTest {
                @org.junit.jupiter.api.Test
                void passes() {
                }
            }
            """;

    @Test
    void aTestJvmThatExitsMakesTheRunInvalidEvenWithSomeReportsWritten() {
        try (Sandbox sandbox = withTests(Map.of("APassingTest.java", PASSING, "ZExitTest.java", """
                package dev.example.app;

                class ZExitTest {
                    @org.junit.jupiter.api.Test
                    void exits() {
                        System.exit(0);
                    }
                }
                """))) {
            TestRunResult result = TestRunner.maven().run(sandbox, "", List.of(
                    TestId.parse("dev.example.app.APassingTest#passes"), TestId.parse("dev.example.app.ZExitTest#exits")),
                    APP, RUN_LIMIT);

            assertThat(result).isInstanceOf(TestRunResult.Invalid.class);
            assertThat(((TestRunResult.Invalid) result).reason()).contains("forked test JVM crashed or exited");
        }
    }

    @Test
    void aReportWrittenOutsideTheModulesReportDirectoriesMakesTheRunInvalid() {
        // The test forges a report saying that a test which does not exist passed.
        try (Sandbox sandbox = withTests(Map.of("APassingTest.java", PASSING, "ForgerTest.java", """
                package dev.example.app;

                import java.nio.file.Files;
                import java.nio.file.Path;

                class ForgerTest {
                    @org.junit.jupiter.api.Test
                    void forges() throws Exception {
                        Path dir = Path.of("../extra/target/surefire-reports");
                        Files.createDirectories(dir);
                        Files.writeString(dir.resolve("TEST-dev.example.app.GhostTest.xml"),
                                "<testsuite name='dev.example.app.GhostTest'><testcase classname='dev.example.app.GhostTest'"
                                + " name='passes' time='0'/></testsuite>");
                    }
                }
                """))) {
            TestId ghost = TestId.parse("dev.example.app.GhostTest#passes");
            TestRunResult result = TestRunner.maven().run(sandbox, "", List.of(ghost,
                    TestId.parse("dev.example.app.ForgerTest#forges")), APP, RUN_LIMIT);

            assertThat(result).isInstanceOf(TestRunResult.Invalid.class);
            assertThat(((TestRunResult.Invalid) result).reason())
                    .contains("outside the modules' own target/surefire-reports")
                    .contains("./extra/target/surefire-reports/TEST-dev.example.app.GhostTest.xml");
        }
    }

    @Test
    void leftoverProcessesAreKilledAndAnOversizedReportIsAnInvalidRunNotAnOutOfMemoryError() {
        try (Sandbox sandbox = withTests(Map.of("LeaverTest.java", """
                package dev.example.app;

                import java.nio.file.Files;
                import java.nio.file.Path;

                class LeaverTest {
                    @org.junit.jupiter.api.Test
                    void leavesAProcessAndAHugeReport() throws Exception {
                        new ProcessBuilder("sleep", "613").start();
                        Path dir = Path.of("target/surefire-reports");
                        Files.createDirectories(dir);
                        Files.writeString(dir.resolve("TEST-dev.example.app.Huge.xml"), "<testsuite>"
                                + "<!-- padding -->".repeat(20_000) + "</testsuite>");
                    }
                }
                """))) {
            MavenTestRunner runner = new MavenTestRunner(128 << 10, 1 << 20);
            TestRunResult result = runner.run(sandbox, "", List.of(TestId.parse("dev.example.app.LeaverTest")), APP,
                    RUN_LIMIT);

            assertThat(result).isInstanceOf(TestRunResult.Invalid.class);
            assertThat(((TestRunResult.Invalid) result).reason())
                    .contains("TEST-dev.example.app.Huge.xml").contains("over the limit of 128 KiB");
            ExecResult left = sandbox.run(Command.shell(Duration.ofSeconds(30),
                    "cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' '; echo"));
            assertThat(left.output().text()).contains("sleep infinity").doesNotContain("sleep 613");

            // The same sandbox, with the report gone, still grades normally afterwards.
            sandbox.run(Command.shell(Duration.ofSeconds(30), "rm -f app/src/test/java/dev/example/app/LeaverTest.java"));
            TestId pass = TestId.parse("dev.example.app.LedgerTest#depositAddsUp");
            TestRunResult again = runner.run(sandbox, "", List.of(pass), APP, RUN_LIMIT);
            assertThat(again).isInstanceOf(TestRunResult.Ran.class);
            assertThat(((TestRunResult.Ran) again).requested()).containsEntry(pass, TestStatus.PASSED);
        }
    }
}

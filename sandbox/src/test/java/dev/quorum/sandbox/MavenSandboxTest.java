package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real multi-module Maven project, built and tested offline inside real Docker sandboxes. */
class MavenSandboxTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    private static final BuildHints APP = new BuildHints("maven", "app", null, List.of());

    @TempDir
    static Path tmp;
    static Path repo;
    static DockerTestEnvironment docker;
    static Sandbox sandbox;

    @BeforeAll
    static void setUp() throws Exception {
        docker = DockerTestEnvironment.get();
        repo = MavenProjects.multiModule(tmp.resolve("calc"));
        sandbox = docker.sandboxWith(repo, BuildHints.none());
    }

    @AfterAll
    static void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void reportsExactlyThePassingAndTheFailingTestInAModule() {
        TestId pass = TestId.parse("dev.example.app.LedgerTest#depositAddsUp");
        TestId fail = TestId.parse("dev.example.app.LedgerTest#withdrawSubtracts");
        TestRunResult result = TestRunner.maven().run(sandbox, "", List.of(pass, fail), APP, RUN_LIMIT);

        assertThat(result).isInstanceOf(TestRunResult.Ran.class);
        TestRunResult.Ran ran = (TestRunResult.Ran) result;
        assertThat(ran.requested()).isEqualTo(Map.of(pass, TestStatus.PASSED, fail, TestStatus.FAILED));
        assertThat(ran.reported()).extracting(ReportedTest::id).containsExactlyInAnyOrder(pass, fail);
        assertThat(ran.reported()).filteredOn(r -> r.id().equals(fail)).first()
                .extracting(ReportedTest::message).asString().contains("expected: <7> but was: <13>");
        assertThat(ran.toolVersions()).contains("Apache Maven 3.9").contains("Java version: 17");
    }

    @Test
    void reportsParameterizedAndNestedTestsUnderSurefiresNames() {
        TestId param = TestId.parse("dev.example.lib.TextTest#shoutEndsWithBang");
        TestId nested = TestId.parse("dev.example.lib.TextTest$Empty#emptyShoutIsJustABang");
        TestId absent = TestId.parse("dev.example.lib.TextTest#noSuchTest");
        TestRunResult.Ran ran = (TestRunResult.Ran) TestRunner.maven().run(sandbox, "",
                List.of(param, nested, absent), new BuildHints("maven", "lib", null, List.of()), RUN_LIMIT);

        assertThat(ran.requested()).containsEntry(param, TestStatus.PASSED).containsEntry(nested, TestStatus.PASSED)
                .containsEntry(absent, TestStatus.MISSING);
        assertThat(ran.reported()).extracting(r -> r.id().toString())
                .contains("dev.example.lib.TextTest$Empty#emptyShoutIsJustABang")
                .anySatisfy(id -> assertThat(id).startsWith("dev.example.lib.TextTest#shoutEndsWithBang").contains("[1]"))
                .anySatisfy(id -> assertThat(id).startsWith("dev.example.lib.TextTest#shoutEndsWithBang").contains("[2]"));
    }

    @Test
    void aCompileErrorIsReportedWithTheCompilersMessages() {
        try (Sandbox broken = docker.sandboxWith(repo, BuildHints.none())) {
            Patch patch = Patch.ofText("""
                    --- a/app/src/main/java/dev/example/app/Ledger.java
                    +++ b/app/src/main/java/dev/example/app/Ledger.java
                    @@ -9,3 +9,3 @@
                         public void deposit(int amount) { balance = calc.add(balance, amount); }
                    -    public void withdraw(int amount) { balance = calc.subtract(balance, amount); }
                    +    public void withdraw(int amount) { balance = calc.minus(balance, amount); }
                         public int balance() { return balance; }
                    """);
            assertThat(broken.applyPatch(patch, "")).isInstanceOf(PatchApplication.Applied.class);
            TestRunResult result = TestRunner.maven().run(broken, "",
                    List.of(TestId.parse("dev.example.app.LedgerTest")), APP, RUN_LIMIT);
            assertThat(result).isInstanceOf(TestRunResult.BuildFailed.class);
            TestRunResult.BuildFailed failed = (TestRunResult.BuildFailed) result;
            assertThat(failed.compilation()).isTrue();
            assertThat(failed.errors()).anySatisfy(e -> assertThat(e).contains("Ledger.java:[10,").contains("cannot find symbol").contains("minus(int,int)"));
        }
    }

    @Test
    void aFixMakesTheFailingTestPass() {
        try (Sandbox fixed = docker.sandboxWith(repo, BuildHints.none())) {
            Patch fix = Patch.ofText("""
                    diff --git a/lib/src/main/java/dev/example/lib/Calculator.java b/lib/src/main/java/dev/example/lib/Calculator.java
                    --- a/lib/src/main/java/dev/example/lib/Calculator.java
                    +++ b/lib/src/main/java/dev/example/lib/Calculator.java
                    @@ -8,4 +8,4 @@ public final class Calculator {
                         public int subtract(int a, int b) {
                    -        return a + b; // the bug the failing test shows
                    +        return a - b;
                         }
                     }
                    """);
            PatchApplication applied = fixed.applyPatch(fix, "");
            assertThat(applied).isInstanceOf(PatchApplication.Applied.class);
            assertThat(((PatchApplication.Applied) applied).strategy()).isEqualTo(PatchApplication.Strategy.GIT_APPLY);
            TestRunResult.Ran ran = (TestRunResult.Ran) TestRunner.maven().run(fixed, "",
                    List.of(TestId.parse("dev.example.app.LedgerTest")), APP, RUN_LIMIT);
            assertThat(ran.requested()).containsEntry(TestId.parse("dev.example.app.LedgerTest"), TestStatus.PASSED);
        }
    }
}

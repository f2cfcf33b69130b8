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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-state layer and the direct runner on a real generated repository (JUnit 4 through the vintage
 * engine, Jupiter parameterized and nested tests, a test reading a resource), in real Docker sandboxes, checked
 * test by test against Maven; and the two ways it must hand over to Maven or fail like Maven.
 */
class DirectTestRunnerDockerTest {
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final List<TestId> ALL = List.of(TestId.ofClass("dev.example.mix.LegacyGreeterTest"),
            TestId.ofClass("dev.example.mix.ModernGreeterTest"), TestId.ofClass("dev.example.mix.ResourceTest"),
            TestId.parse("dev.example.mix.ModernGreeterTest$Inner#innerPasses"),
            TestId.parse("dev.example.mix.LegacyGreeterTest#greetsBob"));

    @TempDir
    static Path tmp;
    static DockerTestEnvironment docker;
    static Environments environments;
    static Path repo;
    static CompiledState state;

    @BeforeAll
    static void setUp() throws Exception {
        docker = DockerTestEnvironment.get();
        environments = docker.environments().withCompiledState();
        repo = mixedRepo(tmp.resolve("mixed"), "");
        state = environments.ensureCompiledState(repo, BuildHints.none());
    }

    @Test
    void theParityCheckTrustsTheDirectRunnerOnAMixedJUnitRepository() {
        assertThat(state.trusted()).as(state.reason()).isTrue();
        assertThat(state.reason()).contains("same outcomes as Maven");
        assertThat(environments.ensureEnv(repo, BuildHints.none()).tag()).isEqualTo(state.tag());
    }

    @Test
    void directAndMavenAgreeTestByTestAtBaseWithAnEmptyPatchAndWithAChange() {
        assertSameOutcomes(Patch.empty());
        assertSameOutcomes(Patch.ofText("""
                --- a/src/main/java/dev/example/mix/Greeter.java
                +++ b/src/main/java/dev/example/mix/Greeter.java
                @@ -2,5 +2,5 @@
                 public class Greeter {
                     public static String greet(String name) {
                -        return "Hello, " + name;
                +        return "Hello, " + name + "!";
                     }
                 }
                --- a/src/test/resources/greeting.txt
                +++ b/src/test/resources/greeting.txt
                @@ -1 +1 @@
                -hello from a resource
                +changed resource
                """));
    }

    @Test
    void aCompileErrorIsABuildFailureWithJavacsMessage() {
        try (Sandbox sandbox = sandbox()) {
            apply(sandbox, Patch.ofText("""
                    --- a/src/main/java/dev/example/mix/Greeter.java
                    +++ b/src/main/java/dev/example/mix/Greeter.java
                    @@ -3,3 +3,3 @@
                         public static String greet(String name) {
                    -        return "Hello, " + name;
                    +        return "Hello, " + nme;
                         }
                    """));
            TestRunResult result = TestRunner.choose().run(sandbox, "", ALL, BuildHints.none(), LIMIT);
            assertThat(result).isInstanceOf(TestRunResult.BuildFailed.class);
            TestRunResult.BuildFailed failed = (TestRunResult.BuildFailed) result;
            assertThat(failed.runner()).isEqualTo("direct");
            assertThat(failed.compilation()).isTrue();
            assertThat(failed.errors()).anySatisfy(e -> assertThat(e).contains("Greeter.java:4: error:")
                    .contains("cannot find symbol"));
        }
    }

    @Test
    void aSurefireSetupItCannotReproduceIsDetectedAndMavenRunsInstead() throws Exception {
        Path forking = mixedRepo(tmp.resolve("forking"), "<configuration><reuseForks>false</reuseForks></configuration>");
        CompiledState untrusted = environments.ensureCompiledState(forking, BuildHints.none());
        assertThat(untrusted.trusted()).isFalse();
        assertThat(untrusted.reason()).contains("no module the direct runner supports", "reuseForks=false");
        try (Sandbox sandbox = docker.provider().create(SandboxSpec.of(untrusted.tag()))) {
            sandbox.copyIn(forking, "");
            TestRunResult byDirect = TestRunner.direct().run(sandbox, "", ALL, BuildHints.none(), LIMIT);
            assertThat(byDirect.runner()).isEqualTo("maven");
            assertThat(byDirect).isInstanceOf(TestRunResult.Ran.class);
        }
    }

    private static void assertSameOutcomes(Patch patch) {
        try (Sandbox forMaven = sandbox(); Sandbox forDirect = sandbox()) {
            apply(forMaven, patch);
            apply(forDirect, patch);
            TestRunResult maven = TestRunner.maven().run(forMaven, "", ALL, BuildHints.none(), LIMIT);
            TestRunResult direct = TestRunner.choose().run(forDirect, "", ALL, BuildHints.none(), LIMIT);
            assertThat(direct.runner()).isEqualTo("direct");
            assertThat(maven).isInstanceOf(TestRunResult.Ran.class);
            assertThat(direct).isInstanceOf(TestRunResult.Ran.class);
            TestRunResult.Ran m = (TestRunResult.Ran) maven;
            assertThat(m.reported()).hasSizeGreaterThanOrEqualTo(9);
            assertThat(RunnerParity.differences(m, (TestRunResult.Ran) direct)).isEmpty();
            assertThat(((TestRunResult.Ran) direct).reported()).anySatisfy(r -> {
                assertThat(r.id().toString()).contains("ModernGreeterTest#onlyWithAHugeHeap");
                assertThat(r.status()).isEqualTo(TestStatus.SKIPPED);
            });
        }
    }

    private static Sandbox sandbox() {
        Sandbox sandbox = docker.provider().create(SandboxSpec.of(state.tag()));
        sandbox.copyIn(repo, "");
        return sandbox;
    }

    private static void apply(Sandbox sandbox, Patch patch) {
        if (!patch.isEmpty()) {
            assertThat(sandbox.applyPatch(patch, "")).isInstanceOf(PatchApplication.Applied.class);
        }
    }

    static Path mixedRepo(Path dir, String surefireConfiguration) throws Exception {
        MavenProjects.write(dir, Map.of(
                "pom.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <project xmlns="http://maven.apache.org/POM/4.0.0">
                          <modelVersion>4.0.0</modelVersion>
                          <groupId>dev.example</groupId><artifactId>mix</artifactId><version>1.0</version>
                          <properties>
                            <maven.compiler.release>17</maven.compiler.release>
                            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                          </properties>
                          <dependencies>
                            <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
                              <version>%1$s</version><scope>test</scope></dependency>
                            <dependency><groupId>org.junit.vintage</groupId><artifactId>junit-vintage-engine</artifactId>
                              <version>%1$s</version><scope>test</scope></dependency>
                          </dependencies>
                          <build><plugins>
                            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId>
                              <version>3.5.2</version>%2$s</plugin>
                            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>
                              <version>3.13.0</version></plugin>
                          </plugins></build>
                        </project>
                        """.formatted(MavenProjects.JUNIT, surefireConfiguration),
                "src/main/java/dev/example/mix/Greeter.java", """
                        package dev.example.mix;
                        public class Greeter {
                            public static String greet(String name) {
                                return "Hello, " + name;
                            }
                        }
                        """,
                "src/test/java/dev/example/mix/LegacyGreeterTest.java", """
                        package dev.example.mix;
                        import static org.junit.Assert.assertEquals;
                        import org.junit.Ignore;
                        import org.junit.Test;
                        public class LegacyGreeterTest {
                            @Test public void greetsBob() { assertEquals("Hello, Bob", Greeter.greet("Bob")); }
                            @Test public void failsOnPurpose() { assertEquals("Hi", Greeter.greet("x")); }
                            @Test public void throwsOnPurpose() { throw new IllegalStateException("boom"); }
                            @Ignore @Test public void ignored() { }
                        }
                        """,
                "src/test/java/dev/example/mix/ModernGreeterTest.java", """
                        package dev.example.mix;
                        import static org.junit.jupiter.api.Assertions.assertTrue;
                        import org.junit.jupiter.api.Nested;
                        import org.junit.jupiter.api.Test;
                        import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
                        import org.junit.jupiter.params.ParameterizedTest;
                        import org.junit.jupiter.params.provider.ValueSource;
                        class ModernGreeterTest {
                            @ParameterizedTest @ValueSource(strings = {"Ann", "Bo", ""})
                            void greetingEndsWithTheName(String name) {
                                assertTrue(Greeter.greet(name).endsWith(name) && !name.isEmpty());
                            }
                            // Skipped as a whole, like commons-lang's testHugeStrings: one skipped test in Surefire.
                            @ParameterizedTest @ValueSource(ints = {1 << 30})
                            @EnabledIfSystemProperty(named = "quorum.never.set", matches = "true")
                            void onlyWithAHugeHeap(int length) {
                                assertTrue(length > 0);
                            }
                            @Test void startsWithHello() { assertTrue(Greeter.greet("x").startsWith("Hello")); }
                            // A non-daemon thread left running, as a test server's event loop is (jsoup): Surefire's
                            // JVM exits all the same, and so must the direct runner's.
                            @Test void leavesAThreadRunning() {
                                new Thread(() -> {
                                    try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }
                                }).start();
                            }
                            @Nested class Inner {
                                @Test void innerPasses() { assertTrue(true); }
                                @Test void innerSeesTheBang() { assertTrue(Greeter.greet("x").endsWith("!")); }
                            }
                        }
                        """,
                "src/test/java/dev/example/mix/ResourceTest.java", """
                        package dev.example.mix;
                        import static org.junit.jupiter.api.Assertions.assertEquals;
                        import java.nio.charset.StandardCharsets;
                        import org.junit.jupiter.api.Test;
                        class ResourceTest {
                            @Test void readsTheResource() throws Exception {
                                try (var in = getClass().getResourceAsStream("/greeting.txt")) {
                                    assertEquals("hello from a resource",
                                            new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
                                }
                            }
                            @Test void runsInTheModuleDirectory() {
                                assertEquals(true, new java.io.File("pom.xml").isFile());
                            }
                        }
                        """,
                "src/test/resources/greeting.txt", "hello from a resource\n"));
        MavenProjects.commit(dir, "mixed JUnit repository");
        return dir;
    }
}

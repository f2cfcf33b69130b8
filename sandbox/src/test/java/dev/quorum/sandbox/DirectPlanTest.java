package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.TestId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the direct runner reads Maven's debug log and decides, per run, what to compile or to leave to Maven. */
class DirectPlanTest {
    private static final String LOG = """
            [INFO] --- compiler:3.13.0:compile (default-compile) @ lib ---
            [DEBUG] Configuring mojo 'org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile' with basic configurator -->
            [DEBUG]   (f) project = MavenProject: dev.example:lib:1.0 @ /workspace/lib/pom.xml
            [DEBUG] -- end configuration --
            [DEBUG] Command line options:
            [DEBUG] -d /workspace/lib/target/classes -classpath /workspace/lib/target/classes: -sourcepath /workspace/lib/src/main/java: -s /workspace/lib/target/generated-sources/annotations -g --release 17 -encoding UTF-8
            [INFO] --- resources:3.3.1:testResources (default-testResources) @ lib ---
            [DEBUG] Configuring mojo 'org.apache.maven.plugins:maven-resources-plugin:3.3.1:testResources' with basic configurator -->
            [DEBUG]   (f) project = MavenProject: dev.example:lib:1.0 @ /workspace/lib/pom.xml
            [DEBUG]   (s) resources = [Resource {targetPath: null, filtering: true, FileSet {directory: /workspace/lib/src/test/resources, PatternSet [includes: {}, excludes: {}]}}]
            [DEBUG] -- end configuration --
            [INFO] --- weaver:1.0:weave (default) @ lib ---
            [DEBUG] Configuring mojo 'org.example:weaver:1.0:weave' with basic configurator -->
            [DEBUG]   (f) project = MavenProject: dev.example:lib:1.0 @ /workspace/lib/pom.xml
            [DEBUG] -- end configuration --
            [INFO] --- surefire:3.5.2:test (default-test) @ lib ---
            [DEBUG] Configuring mojo 'org.apache.maven.plugins:maven-surefire-plugin:3.5.2:test' with basic configurator -->
            [DEBUG]   (f) project = MavenProject: dev.example:lib:1.0 @ /workspace/lib/pom.xml
            [DEBUG]   (f) reuseForks = false
            [DEBUG] -- end configuration --
            """;

    @Test
    void readsJavacOptionsClassPathAndMojoConfigurationPerModule() {
        MavenDebugLog log = MavenDebugLog.parse(LOG, "/workspace");
        MavenDebugLog.Javac main = log.javac("lib", false).orElseThrow();
        assertThat(main.options()).containsExactly("-s", "/workspace/lib/target/generated-sources/annotations", "-g",
                "--release", "17", "-encoding", "UTF-8");
        assertThat(main.classpath()).isEqualTo("/workspace/lib/target/classes:");
        assertThat(log.config("lib", "surefire", "test").orElseThrow()).containsEntry("reuseForks", "false");
        assertThat(log.moduleOrder()).containsExactly("lib");
    }

    @Test
    void aSurefireSetupOrAPluginItCannotReplayMakesTheModuleUnsupported() {
        Properties probe = new Properties();
        probe.setProperty("stack", "org.apache.maven.surefire.junitplatform.JUnitPlatformProvider\n");
        MavenDebugLog log = MavenDebugLog.parse(LOG, "/workspace");
        assertThat(CompiledStateBuilder.unsupported("lib", log, true, probe)).contains("reuseForks=false");
        MavenDebugLog withoutReuse = MavenDebugLog.parse(LOG.replace("reuseForks = false", "reuseForks = true"),
                "/workspace");
        assertThat(CompiledStateBuilder.unsupported("lib", withoutReuse, true, probe)).contains("weaver:weave");
        assertThat(CompiledStateBuilder.unsupported("lib", withoutReuse, false, probe)).contains("no JUnit");
        // Writing the OSGi manifest (commons-lang, jsoup and most Apache builds) does not change what tests see.
        MavenDebugLog bundled = MavenDebugLog.parse(LOG.replace("reuseForks = false", "reuseForks = true")
                .replace("weaver:1.0:weave", "bundle:5.1.9:manifest")
                .replace("org.example:weaver:1.0:weave", "org.apache.felix:maven-bundle-plugin:5.1.9:manifest"),
                "/workspace");
        assertThat(CompiledStateBuilder.unsupported("lib", bundled, true, probe)).isNull();
    }

    @Test
    void compilesChangedSourcesCopiesResourcesAndHandsEverythingElseToMaven() {
        StateManifest state = new StateManifest("/jdk", "17", "1.11.4", "/junit.jar:/runner", List.of(
                module("", null), module("lib", null), module("app", "tests run inside Maven's JVM (forkCount=0)")));
        List<TestId> libTest = List.of(TestId.parse("dev.example.lib.LibTest#works"));

        DirectTestRunner.DirectPlan plan = DirectTestRunner.DirectPlan.of(state, List.of(
                "C ./lib/src/main/java/dev/example/lib/Lib.java", "A ./lib/src/test/resources/data.txt",
                "C ./README.md"), libTest);
        assertThat(plan.fallback()).isNull();
        assertThat(plan.mainSources().values()).containsExactly(List.of("lib/src/main/java/dev/example/lib/Lib.java"));
        assertThat(plan.resources()).containsEntry("lib/src/test/resources/data.txt",
                "lib/target/test-classes/data.txt");
        assertThat(plan.selections().values()).containsExactly(List.of("M\tdev.example.lib.LibTest\tworks"));
        assertThat(plan.script(state, "/tmp/quorum")).contains("/jdk/bin/javac @").contains("QuorumDirectRunner");

        assertThat(DirectTestRunner.DirectPlan.of(state, List.of("C ./lib/pom.xml"), libTest).fallback())
                .contains("build file");
        assertThat(DirectTestRunner.DirectPlan.of(state, List.of("D ./lib/src/main/java/A.java"), libTest)
                .fallback()).contains("deleted");
        assertThat(DirectTestRunner.DirectPlan.of(state, List.of("C ./lib/src/main/templates/A.java"), libTest)
                .fallback()).contains("does not know how to build");
        assertThat(DirectTestRunner.DirectPlan.of(state, List.of(), List.of(TestId.ofClass("dev.example.app.AppTest")))
                .fallback()).contains("forkCount=0");
    }

    private static StateManifest.ModuleState module(String dir, String unsupported) {
        String base = dir.isEmpty() ? "/workspace" : "/workspace/" + dir;
        return new StateManifest.ModuleState(dir, List.of("--release", "17"), base + "/target/classes",
                List.of("--release", "17"), base + "/target/test-classes:" + base + "/target/classes", base,
                List.of("-ea", "-cp", "x"), Map.of(), dir.isEmpty() ? List.of()
                : List.of("dev.example." + dir + "." + Character.toUpperCase(dir.charAt(0)) + dir.substring(1) + "Test"),
                unsupported, true);
    }
}

package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenBuildTest {
    @TempDir
    Path tmp;

    @Test
    void buildsATargetedTestFilter() {
        String filter = MavenBuild.testFilter(List.of(TestId.parse("a.FooTest#x"), TestId.parse("a.FooTest#y(int)[2]"),
                TestId.parse("a.BarTest"), TestId.parse("a.BazTest$Inner#z"), TestId.parse("a.BarTest#w")));
        assertThat(filter).isEqualTo("a.BarTest,a.BazTest,a.FooTest#x+y");
    }

    @Test
    void targetsTheModuleAndSkipsUnrelatedPlugins() {
        List<String> argv = MavenBuild.testCommand(List.of(TestId.parse("a.T#m")),
                new BuildHints("maven", "core", null, List.of("-Dextra=1")), true);
        assertThat(argv).startsWith("mvn", "-B", "-e", "-V", "-o").contains("-Dtest=a.T#m", "-pl", "core", "-am",
                "-Drat.skip=true", "-Djapicmp.skip=true", "-Dextra=1").endsWith("test");
        assertThat(argv.indexOf("-Dextra=1")).isGreaterThan(argv.indexOf("-Drat.skip=true"));
    }

    @Test
    void gradleProjectsGetAClearNotYet() throws Exception {
        Files.writeString(tmp.resolve("build.gradle"), "plugins { id 'java' }");
        assertThatThrownBy(() -> MavenBuild.requireMaven(tmp, BuildHints.none()))
                .isInstanceOf(UnsupportedBuildException.class).hasMessageContaining("Gradle")
                .hasMessageContaining("Maven only");
        assertThatThrownBy(() -> MavenBuild.requireMaven(tmp, new BuildHints("gradle", null, null, List.of())))
                .isInstanceOf(UnsupportedBuildException.class);
    }

    @Test
    void buildFilesDecideTheEnvImageAndSourcesDoNot() throws Exception {
        MavenProjects.write(tmp, Map.of("pom.xml", "<project/>", "m/pom.xml", "<project/>",
                "m/src/main/java/A.java", "class A {}", ".mvn/maven.config", "-B"));
        String before = EnvImageBuilder.tag("quorum-base:x", tmp, BuildHints.none());
        Files.writeString(tmp.resolve("m/src/main/java/A.java"), "class A { int x; }");
        assertThat(EnvImageBuilder.tag("quorum-base:x", tmp, BuildHints.none())).isEqualTo(before);
        Files.writeString(tmp.resolve("m/pom.xml"), "<project><!-- changed --></project>");
        assertThat(EnvImageBuilder.tag("quorum-base:x", tmp, BuildHints.none())).isNotEqualTo(before);
        assertThat(MavenBuild.moduleDirs(tmp)).containsExactlyInAnyOrder("", "m");
    }

    @Test
    void theNamesOfNonSourceFilesGoIntoTheEnvBuildAndItsKeyButTheirContentsDoNot() throws Exception {
        MavenProjects.write(tmp, Map.of("pom.xml", "<project/>", "src/site/resources/profile.jacoco", "",
                "README.md", "hello", "m/pom.xml", "<project/>", "m/src/main/resources/app.properties", "a=1",
                "m/src/test/java/ATest.java", "class ATest {}", "tools/Gen.java", "class Gen {}",
                "m/target/classes/A.class", "x", ".mvn/maven.config", "-B"));
        assertThat(MavenBuild.layoutMarkers(tmp)).containsExactly("README.md", "src/site/resources/profile.jacoco");
        String before = EnvImageBuilder.tag("quorum-base:x", tmp, BuildHints.none());
        Files.writeString(tmp.resolve("README.md"), "changed");
        assertThat(EnvImageBuilder.tag("quorum-base:x", tmp, BuildHints.none())).isEqualTo(before);
        Files.delete(tmp.resolve("src/site/resources/profile.jacoco"));
        assertThat(EnvImageBuilder.tag("quorum-base:x", tmp, BuildHints.none())).isNotEqualTo(before);
    }

    @Test
    void proxiesBecomeMavenSettingsAndNeverShowInDescriptions() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://user:s3cret@proxy.corp:3128", "NO_PROXY", "localhost,.corp");
        NetworkPolicy policy = NetworkPolicy.fromEnvironment(env::get);
        assertThat(policy.proxy()).containsKeys("HTTPS_PROXY", "NO_PROXY");
        assertThat(policy.hostNetwork()).isFalse();
        assertThat(policy.describe()).doesNotContain("s3cret").contains("repository proxy", "chained host proxy");
        assertThat(policy.upstreamProxy()).isEqualTo("http://user:s3cret@proxy.corp:3128");
        String xml = MavenProxySettings.settingsXml(policy.proxy());
        assertThat(xml).contains("<host>proxy.corp</host>", "<port>3128</port>", "<username>user</username>",
                "<nonProxyHosts>localhost|.corp</nonProxyHosts>");
    }

    @Test
    void theBuildNetworkIsTheProxyUnlessHostIsAskedFor() {
        assertThat(NetworkPolicy.fromEnvironment(Map.of("QUORUM_BUILD_NETWORK", "host")::get).hostNetwork()).isTrue();
        assertThat(NetworkPolicy.fromEnvironment(Map.of("QUORUM_BUILD_PROXY_ALLOW", "Nexus.corp, ,x.org")::get)
                .allowedHosts()).containsExactlyInAnyOrder("nexus.corp", "x.org");
        assertThatThrownBy(() -> NetworkPolicy.fromEnvironment(Map.of("QUORUM_BUILD_NETWORK", "bridge")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'proxy'").hasMessageContaining("'host'");
    }

    @Test
    void trustStoreOptionIsCheckedUpFront() {
        assertThatThrownBy(() -> NetworkPolicy.fromEnvironment(Map.of("QUORUM_TRUST_STORE", "/no/such/cacerts")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such/cacerts");
        assertThat(NetworkPolicy.fromEnvironment(Map.of("QUORUM_TRUST_HOST_CA", "false")::get).trustStore()).isNull();
    }
}

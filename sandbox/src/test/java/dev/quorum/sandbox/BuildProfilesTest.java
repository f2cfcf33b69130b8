package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.BuildHints;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildProfilesTest {
    private static final String NO_REGISTRY_PROBE = "no registry was asked";

    @TempDir
    Path repo;

    private static String pom(String properties, String plugins) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>x</groupId><artifactId>y</artifactId><version>1</version>
                  <properties>%s</properties>
                  <build><plugins>%s</plugins></build>
                </project>
                """.formatted(properties, plugins);
    }

    private BuildProfile detect(BuildHints hints, boolean registry) {
        return BuildProfiles.detect(repo, hints, () -> registry);
    }

    @Test
    void sourceLevelSixWantsJdk8AndFallsBackToJdk11WithoutARegistry() throws Exception {
        MavenProjects.write(repo, Map.of("pom.xml", pom("<maven.compiler.source>1.6</maven.compiler.source>"
                + "<maven.compiler.target>1.6</maven.compiler.target>", "")));
        BuildProfile offline = detect(BuildHints.none(), false);
        assertThat(offline.jdkWanted()).isEqualTo(8);
        assertThat(offline.jdk()).isEqualTo(11);
        assertThat(offline.jdkReason()).contains("Java level 6", "maven.compiler.source", "needs a registry",
                "eclipse-temurin:8", "JDK 11 is the nearest newer one that compiles level 6");
        assertThat(offline.summary()).startsWith("JDK 11 (wanted 8:");

        BuildProfile withRegistry = detect(BuildHints.none(), true);
        assertThat(withRegistry.jdk()).isEqualTo(8);
    }

    @Test
    void levelsComeFromCompilerPluginConfigurationThroughProperties() throws Exception {
        MavenProjects.write(repo, Map.of("pom.xml", pom("<javaVersion>1.7</javaVersion>", """
                <plugin><artifactId>maven-compiler-plugin</artifactId>
                  <configuration><source>${javaVersion}</source><target>${javaVersion}</target></configuration>
                </plugin>
                <plugin><artifactId>maven-antrun-plugin</artifactId>
                  <configuration><target><echo message="not a Java level"/></target></configuration>
                </plugin>""")));
        BuildProfile profile = detect(BuildHints.none(), false);
        assertThat(profile.jdkWanted()).isEqualTo(8);
        assertThat(profile.jdk()).isEqualTo(11);
        assertThat(profile.jdkReason()).contains("maven-compiler-plugin <source>");
    }

    /** gson in 2023: release 7, but the enforcer requires Java 11 or newer. */
    @Test
    void theEnforcersMinimumRaisesTheWantedJdk() throws Exception {
        MavenProjects.write(repo, Map.of("pom.xml", pom("<maven.compiler.release>7</maven.compiler.release>", """
                <plugin><artifactId>maven-enforcer-plugin</artifactId><executions><execution><configuration>
                  <rules><requireJavaVersion><version>[11,)</version></requireJavaVersion></rules>
                </configuration></execution></executions></plugin>""")));
        BuildProfile profile = detect(BuildHints.none(), false);
        assertThat(profile.jdk()).isEqualTo(11);
        assertThat(profile.jdkWanted()).isEqualTo(11);
        assertThat(profile.jdkReason()).contains("Java level 7", "requireJavaVersion [11,)");
    }

    @Test
    void theToolchainsPluginsJdkIsWhatTheBuildWants() throws Exception {
        MavenProjects.write(repo, Map.of("pom.xml", pom("<maven.compiler.release>8</maven.compiler.release>", """
                <plugin><artifactId>maven-toolchains-plugin</artifactId><configuration><toolchains>
                  <jdk><version>[11,)</version></jdk>
                </toolchains></configuration></plugin>""")));
        BuildProfile profile = detect(BuildHints.none(), false);
        assertThat(profile.jdk()).isEqualTo(11);
        assertThat(profile.jdkReason()).contains("toolchains plugin jdk [11,)");
        assertThat(PomFacts.read(MavenBuild.buildFiles(repo)).toolchainJdk()).isEqualTo("[11,)");
    }

    @Test
    void theTasksJdkOverridesTheRepositoryAndVersionFilesOverrideThePoms() throws Exception {
        MavenProjects.write(repo, Map.of("pom.xml", pom("<maven.compiler.release>11</maven.compiler.release>", ""),
                ".java-version", "21\n"));
        assertThat(detect(BuildHints.none(), false).jdk()).isEqualTo(21);
        assertThat(detect(BuildHints.none(), false).jdkReason()).contains(".java-version says 21");
        BuildProfile hinted = detect(new BuildHints("maven", null, "17", List.of()), false);
        assertThat(hinted.jdk()).isEqualTo(17);
        assertThat(hinted.jdkReason()).contains("the task's build.jdk is 17");
    }

    @Test
    void aRepositoryThatNamesNoLevelGetsTheDefaultJdk() throws Exception {
        MavenProjects.write(repo, Map.of("pom.xml", pom("", "")));
        BuildProfile profile = BuildProfiles.detect(repo, BuildHints.none(), () -> {
            throw new AssertionError(NO_REGISTRY_PROBE);
        });
        assertThat(profile.jdk()).isEqualTo(JdkRelease.DEFAULT.feature);
        assertThat(profile.maven()).isEqualTo(MavenDistribution.VERSION);
        assertThat(profile.mavenSource()).isEqualTo("bundled");
    }

    @Test
    void theWrappersMavenVersionComesFromItsDistributionUrl() throws Exception {
        MavenProjects.write(repo, Map.of("pom.xml", pom("", """
                        <plugin><artifactId>maven-checkstyle-plugin</artifactId></plugin>
                        <plugin><artifactId>maven-resources-plugin</artifactId></plugin>"""),
                "mvnw", "#!/bin/sh\n", ".mvn/maven.config", "-Dstyle.color=never\n",
                MavenWrapper.PROPERTIES, "wrapperVersion=3.3.2\ndistributionType=only-script\n"
                        + "distributionUrl=https\\://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.9/"
                        + "apache-maven-3.9.9-bin.zip\n"));
        BuildProfile profile = detect(new BuildHints(null, "core", null, List.of("-Pfast")), false);
        assertThat(profile.maven()).isEqualTo("3.9.9");
        assertThat(profile.mavenSource()).startsWith("wrapper");
        assertThat(profile.module()).isEqualTo("core");
        assertThat(profile.extraArgs()).containsExactly("-Pfast", "-Dstyle.color=never");
        assertThat(profile.skippedPlugins()).containsExactly("maven-checkstyle-plugin");
        assertThat(BuildProfile.fromJson(profile.toJson())).isEqualTo(profile);
        assertThat(MavenWrapper.versionOf("distributionUrl=https://example.org/tool-1.0.zip")).isEmpty();
    }

    @Test
    void pomsThatAreNotXmlOrUseEntitiesAreIgnoredNotExpanded() throws Exception {
        MavenProjects.write(repo, Map.of("pom.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE project [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <project><properties><maven.compiler.release>&x;</maven.compiler.release></properties></project>
                """));
        PomFacts facts = PomFacts.read(MavenBuild.buildFiles(repo));
        assertThat(facts.levels()).isEmpty();
    }
}

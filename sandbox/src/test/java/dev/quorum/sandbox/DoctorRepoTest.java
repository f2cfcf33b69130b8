package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.BuildHints;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quorum doctor --repo}: a repository's build profile, without building anything. */
class DoctorRepoTest {
    @TempDir
    Path repo;

    @Test
    void showsTheProfileAndWhetherTheEnvImageExists() throws Exception {
        DockerTestEnvironment.get();
        MavenProjects.write(repo, Map.of("pom.xml", """
                        <project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>y</artifactId>
                          <version>1</version>
                          <properties><maven.compiler.source>1.6</maven.compiler.source></properties>
                        </project>""",
                "mvnw", "#!/bin/sh\n", MavenWrapper.PROPERTIES, "distributionUrl=https://repo.maven.apache.org/maven2/"
                        + "org/apache/maven/apache-maven/3.8.8/apache-maven-3.8.8-bin.zip\n"));
        Diagnosis d = new Doctor(Map.of("QUORUM_BUILD_NETWORK", "proxy")::get).diagnoseRepo(repo,
                new BuildHints(null, "core", null, List.of("-Pci")));
        assertThat(d.checks()).extracting(Diagnosis.Check::detail).anySatisfy(l -> assertThat(l)
                        .startsWith("JDK ").contains("wanted 8", "Java level 6"))
                .contains("Maven 3.8.8 (wrapper, .mvn/wrapper/maven-wrapper.properties)", "module: core",
                        "extra Maven arguments: -Pci");
        assertThat(d.checks()).filteredOn(c -> c.name().equals("env image")).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("not built yet"));
    }

    @Test
    void aGradleProjectIsAClearFailure() throws Exception {
        DockerTestEnvironment.get();
        MavenProjects.write(repo, Map.of("build.gradle", "plugins { id 'java' }"));
        Diagnosis d = new Doctor(Map.<String, String>of()::get).diagnoseRepo(repo, BuildHints.none());
        assertThat(d.healthy()).isFalse();
        assertThat(d.checks()).anySatisfy(c -> assertThat(c.detail()).contains("Gradle"));
    }
}

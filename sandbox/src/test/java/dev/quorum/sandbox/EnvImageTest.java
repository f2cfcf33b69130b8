package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real repositories as they are, in real Docker: a strict build (Error Prone, {@code -Werror}, default-package
 * classes rejected), a Maven Wrapper without its jar, a Java 6 code base, and what an env image must not keep.
 */
class EnvImageTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

    @TempDir
    Path tmp;

    @Test
    void aStrictBuildThatRejectsDefaultPackageClassesBuildsItsEnvImageAndTheGoldPatchPasses() throws Exception {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        RealRepoShapes.Shape shape = RealRepoShapes.strictErrorProne(tmp.resolve("strict"));
        Path repo = shape.repo();
        TestId test = shape.failToPass();
        try (Sandbox sandbox = docker.sandboxWith(repo, BuildHints.none())) {
            assertThat(sandbox.applyPatch(shape.gold(), "")).isInstanceOf(PatchApplication.Applied.class);
            TestRunResult.Ran ran = (TestRunResult.Ran) TestRunner.maven().run(sandbox, "", List.of(test),
                    BuildHints.none(), RUN_LIMIT);
            assertThat(ran.requested()).containsEntry(test, TestStatus.PASSED);
        }
        // The rule is real: a class in the default package (what the env build used to add) fails compilation.
        try (Sandbox sandbox = docker.sandboxWith(repo, BuildHints.none())) {
            sandbox.writeFile("src/test/java/Stray.java", "class Stray {}\n".getBytes());
            TestRunResult run = TestRunner.maven().run(sandbox, "", List.of(test), BuildHints.none(), RUN_LIMIT);
            assertThat(run).isInstanceOf(TestRunResult.BuildFailed.class);
            TestRunResult.BuildFailed failed = (TestRunResult.BuildFailed) run;
            assertThat(failed.errors()).contains("warnings found and -Werror specified");
            assertThat(failed.log().text()).contains("Stray.java").contains("[DefaultPackage]");
        }
    }

    @Test
    void aWrapperWithoutItsJarRunsOnTheWrappersMavenVersionAndSaysSo() throws Exception {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        RealRepoShapes.Shape shape = RealRepoShapes.wrapperWithoutJar(tmp.resolve("wrapped"));
        Path repo = shape.repo();
        assertThat(repo.resolve(".mvn/wrapper/maven-wrapper.jar")).doesNotExist();
        TestId test = shape.failToPass();
        EnvImage env = docker.env(repo, BuildHints.none());
        assertThat(env.profile().maven()).isEqualTo("3.9.9");
        try (Sandbox sandbox = docker.sandboxWith(repo, BuildHints.none())) {
            assertThat(sandbox.applyPatch(shape.gold(), "")).isInstanceOf(PatchApplication.Applied.class);
            TestRunResult.Ran after = (TestRunResult.Ran) TestRunner.maven().run(sandbox, "", List.of(test),
                    BuildHints.none(), RUN_LIMIT);
            assertThat(after.requested()).containsEntry(test, TestStatus.PASSED);
            assertThat(after.toolVersions()).contains("Apache Maven 3.9.9").contains("Maven 3.9.9 (wrapper");
        }
    }

    @Test
    void aPluginThatAMarkerFilesProfileBindsToTheTestLifecycleIsInTheEnvImageAndGoldPassesOffline() throws Exception {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        RealRepoShapes.Shape shape = RealRepoShapes.jacocoByMarkerFile(tmp.resolve("jacoco"));
        TestId test = shape.failToPass();
        try (Sandbox sandbox = docker.sandboxWith(shape.repo(), BuildHints.none())) {
            assertThat(sandbox.applyPatch(shape.gold(), "")).isInstanceOf(PatchApplication.Applied.class);
            TestRunResult run = TestRunner.maven().run(sandbox, "", List.of(test), BuildHints.none(), RUN_LIMIT);
            // Offline, the run fails before the tests when the env build never saw the profile's plugin.
            assertThat(run).as(run.log().text()).isInstanceOf(TestRunResult.Ran.class);
            assertThat(((TestRunResult.Ran) run).requested()).containsEntry(test, TestStatus.PASSED);
            assertThat(run.log().text()).contains("jacoco:" + RealRepoShapes.JACOCO + ":prepare-agent");
            assertThat(sandbox.isolation().isolated()).as("graded offline").isTrue();
        }
    }

    @Test
    void aJava6CodeBaseRunsOnAJdkThatCompilesItAndTheResultNamesIt() throws Exception {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        RealRepoShapes.Shape shape = RealRepoShapes.java6(tmp.resolve("legacy"));
        Path repo = shape.repo();
        EnvImage env = docker.env(repo, BuildHints.none());
        assertThat(env.profile().jdk()).isEqualTo(11);
        TestId test = shape.failToPass();
        try (Sandbox sandbox = docker.provider().create(SandboxSpec.of(env.tag()))) {
            sandbox.copyIn(repo, "");
            assertThat(sandbox.applyPatch(shape.gold(), "")).isInstanceOf(PatchApplication.Applied.class);
            TestRunResult.Ran ran = (TestRunResult.Ran) TestRunner.maven().run(sandbox, "", List.of(test),
                    BuildHints.none(), RUN_LIMIT);
            assertThat(ran.requested()).containsEntry(test, TestStatus.PASSED);
            assertThat(ran.toolVersions()).contains("Java version: 11.").contains("JDK 11 (wanted 8:")
                    .contains("Java level 6");
        }
    }

    /** Like gson, whose build renames and obfuscates one of its compiled test classes before the tests run. */
    @Test
    void aBuildThatWorksOnItsOwnCompiledClassesGetsAnImageForItsSourceTreeOnly() throws Exception {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        RealRepoShapes.Shape shape = RealRepoShapes.wrapperWithoutJar(tmp.resolve("tree"));
        Path repo = shape.repo();
        Path pom = repo.resolve("pom.xml");
        java.nio.file.Files.writeString(pom, java.nio.file.Files.readString(pom).replace("<plugins>", """
                <plugins>
                  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-antrun-plugin</artifactId>
                    <version>3.1.0</version>
                    <executions><execution><id>copy-compiled-test</id><phase>process-test-classes</phase>
                      <goals><goal>run</goal></goals>
                      <configuration><target>
                        <copy file="${project.build.testOutputDirectory}/dev/example/AdderTest.class"
                              tofile="${project.build.directory}/AdderTest.copy" failonerror="true"/>
                      </target></configuration>
                    </execution></executions>
                  </plugin>"""));
        MavenProjects.commit(repo, "a build step on compiled test classes");
        EnvImage env = docker.env(repo, BuildHints.none());
        assertThat(env.tag()).startsWith(EnvImageBuilder.REPOSITORY + ":tree-")
                .isEqualTo(EnvImageBuilder.sourceTreeTag(env.baseTag(), repo, BuildHints.none()));
        assertThat(DockerImages.exists(docker.engine().client(),
                EnvImageBuilder.tag(env.baseTag(), repo, BuildHints.none()))).isFalse();
        assertThat(docker.env(repo, BuildHints.none()).built()).isFalse();
        try (Sandbox sandbox = docker.sandboxWith(repo, BuildHints.none())) {
            assertThat(sandbox.applyPatch(shape.gold(), "")).isInstanceOf(PatchApplication.Applied.class);
            TestRunResult.Ran ran = (TestRunResult.Ran) TestRunner.maven().run(sandbox, "",
                    List.of(shape.failToPass()), BuildHints.none(), RUN_LIMIT);
            assertThat(ran.requested()).containsEntry(shape.failToPass(), TestStatus.PASSED);
        }
    }

    @Test
    void anEnvImageKeepsNoBuildEnvironmentProxySettingsOrRepositoryFiles() throws Exception {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        Path repo = RealRepoShapes.wrapperWithoutJar(tmp.resolve("hygiene")).repo();
        EnvImage env = docker.env(repo, BuildHints.none());
        DockerClient client = docker.engine().client();
        InspectImageResponse image = client.inspectImageCmd(env.tag()).exec();
        List<String> baseEnv = Arrays.asList(client.inspectImageCmd(env.baseTag()).exec().getConfig().getEnv());
        List<String> keys = Arrays.stream(image.getConfig().getEnv()).map(e -> e.split("=", 2)[0]).toList();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(baseEnv.stream().map(e -> e.split("=", 2)[0]).toList());
        assertThat(String.join("\n", image.getConfig().getEnv())).doesNotContainIgnoringCase("proxy");
        assertThat(image.getConfig().getLabels()).containsKey(BuildProfile.LABEL);
        try (Sandbox sandbox = docker.provider().create(SandboxSpec.of(env.tag()))) {
            ExecResult files = sandbox.run(Command.shell(Duration.ofSeconds(30),
                    "ls -A /workspace; ls -A ~/.m2; cat ~/.quorum/build-profile"));
            assertThat(files.output().text()).doesNotContain("pom.xml", "settings.xml", "mvnw")
                    .contains("repository", "Maven 3.9.9 (wrapper");
        }
    }

    @Test
    void theBuildNetworkReachesOnlyTheRepositoryProxy() throws Exception {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        DockerClient client = docker.engine().client();
        NetworkPolicy policy = NetworkPolicy.fromEnvironment(Map.<String, String>of()::get);
        try (BuildNetwork net = BuildNetwork.open(client, policy, java.util.Set.of())) {
            String proxy = net.mavenProxy().get("HTTPS_PROXY").substring("http://".length());
            String[] hostPort = proxy.split(":");
            String id = client.createContainerCmd(docker.base().tag()).withCmd("sleep", "infinity")
                    .withUser(DockerImages.UID + ":" + DockerImages.GID)
                    .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig()
                            .withNetworkMode(net.mode()).withInit(true))
                    .withLabels(Ownership.ofThisProcess().labels("test")).exec().getId();
            try {
                client.startContainerCmd(id).exec();
                DockerSandbox box = new DockerSandbox(client, id, null, SandboxSpec.DEFAULT_OUTPUT_CAP, () -> { });
                String connect = "exec 3<>/dev/tcp/%s/%s && printf 'CONNECT %%s HTTP/1.1\\r\\n\\r\\n' %s >&3"
                        + " && head -1 <&3";
                ExecResult direct = box.run(Command.shell(Duration.ofSeconds(30),
                        "timeout 10 bash -c 'exec 3<>/dev/tcp/1.1.1.1/443' && echo REACHED || echo NO_ROUTE"));
                assertThat(direct.output().text()).contains("NO_ROUTE");
                ExecResult central = box.run(Command.shell(Duration.ofSeconds(30), connect.formatted(hostPort[0],
                        hostPort[1], "repo.maven.apache.org:443")));
                assertThat(central.output().text()).startsWith("HTTP/1.1 200");
                ExecResult other = box.run(Command.shell(Duration.ofSeconds(30), connect.formatted(hostPort[0],
                        hostPort[1], "example.org:443")));
                assertThat(other.output().text()).startsWith("HTTP/1.1 403");
            } finally {
                Reaper.remove(client, id);
            }
        }
    }
}

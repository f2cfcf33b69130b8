package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What code in a sandbox cannot do: run past its limit, reach a network, hurt the host or other sandboxes. */
class SandboxIsolationTest {
    @TempDir
    static Path tmp;
    static DockerTestEnvironment docker;
    static Path repo;

    @BeforeAll
    static void setUp() throws Exception {
        docker = DockerTestEnvironment.get();
        repo = MavenProjects.multiModule(tmp.resolve("calc"));
    }

    private static DockerClient client() {
        return docker.engine().client();
    }

    private static boolean containerExists(String shortId) {
        try {
            client().inspectContainerCmd(shortId).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Test
    void aTestStuckInALoopIsKilledAtTheTimeoutAndItsContainerIsGone() {
        Sandbox sandbox = docker.sandboxWith(repo, BuildHints.none());
        long start = System.nanoTime();
        TestRunResult result = TestRunner.maven().run(sandbox, "",
                List.of(TestId.parse("dev.example.app.HangTest#spinsForever")),
                new BuildHints("maven", "app", null, List.of()), Duration.ofSeconds(25));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isInstanceOf(TestRunResult.TimedOut.class);
        assertThat(took).isLessThan(Duration.ofSeconds(60));
        assertThat(sandbox.isAlive()).isFalse();
        assertThat(containerExists(sandbox.id())).isFalse();
        assertThatThrownBy(() -> sandbox.run(Command.of(Duration.ofSeconds(5), "true")))
                .isInstanceOf(SandboxException.class).hasMessageContaining("gone");
    }

    @Test
    void aTestThatOpensANetworkConnectionFailsInsideTheSandbox() throws Exception {
        // A listener on this machine, reachable over Docker's bridge: the control container must reach it, so
        // that the sandbox's failure proves isolation rather than a broken probe.
        String gateway = bridgeGateway();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        server.accept().close();
                    } catch (Exception ignored) {
                        return;
                    }
                }
            });
            int port = server.getLocalPort();
            assertThat(controlContainerConnects(gateway, port)).as("a container WITH a network reaches the listener")
                    .isTrue();

            try (Sandbox sandbox = docker.sandboxWith(repo, BuildHints.none())) {
                TestId net = TestId.parse("dev.example.app.NetTest#connectsToTheProbe");
                TestRunResult.Ran ran = (TestRunResult.Ran) TestRunner.maven().run(sandbox, "", List.of(net),
                        new BuildHints("maven", "app", null,
                                List.of("-DargLine=-Dprobe.host=" + gateway + " -Dprobe.port=" + port)),
                        Duration.ofMinutes(3));
                assertThat(ran.requested().get(net)).isEqualTo(TestStatus.ERROR);
                assertThat(ran.reported().getFirst().message()).containsIgnoringCase("unreachable");

                ExecResult shell = sandbox.run(Command.shell(Duration.ofSeconds(20),
                        "exec 3<>/dev/tcp/" + gateway + "/" + port + " && echo connected"));
                assertThat(shell.succeeded()).isFalse();
                assertThat(shell.output().text()).doesNotContain("connected");
            }
        }
    }

    /** This machine's address on Docker's default bridge (the engine leaves it implicit: the subnet's first host). */
    private static String bridgeGateway() {
        var config = client().inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig().get(0);
        if (config.getGateway() != null && !config.getGateway().isBlank()) {
            return config.getGateway();
        }
        String[] octets = config.getSubnet().split("/")[0].split("\\.");
        return octets[0] + "." + octets[1] + "." + octets[2] + "." + (Integer.parseInt(octets[3]) + 1);
    }

    private boolean controlContainerConnects(String host, int port) throws InterruptedException {
        String id = client().createContainerCmd(docker.base().tag())
                .withCmd("bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port + " && echo connected")
                .withLabels(java.util.Map.of(Ownership.SANDBOX, "1", Ownership.ROLE, "test-control"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("bridge")).exec().getId();
        try {
            client().startContainerCmd(id).exec();
            Integer code = client().waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
            return code != null && code == 0;
        } finally {
            Reaper.remove(client(), id);
        }
    }

    @Test
    void forkBombsAndRmRfLeaveTheHostAndOtherSandboxesUntouched() throws Exception {
        Path sentinel = Files.writeString(tmp.resolve("host-sentinel.txt"), "still here");
        SandboxSpec small = SandboxSpec.of(docker.base().tag())
                .withLimits(new SandboxSpec.Limits(1.0, 512L << 20, 128));
        try (Sandbox bystander = docker.provider().create(small)) {
            bystander.writeFile("keep.txt", "precious".getBytes(StandardCharsets.UTF_8));

            try (Sandbox bomb = docker.provider().create(small)) {
                ExecResult forked = bomb.run(Command.shell(Duration.ofSeconds(15), "f(){ f | f & }; f; sleep 30"));
                assertThat(forked).isInstanceOf(ExecResult.TimedOut.class);
                assertThat(containerExists(bomb.id())).isFalse();
            }
            try (Sandbox vandal = docker.provider().create(small)) {
                ExecResult wiped = vandal.run(Command.shell(Duration.ofSeconds(60),
                        "rm -rf --no-preserve-root / 2>/dev/null; rm -rf /workspace/../.. 2>/dev/null;"
                                + " ls /workspace | wc -l"));
                assertThat(wiped).isInstanceOf(ExecResult.Exited.class);
            }

            assertThat(Files.readString(sentinel)).isEqualTo("still here");
            assertThat(new ProcessBuilder("true").start().waitFor()).isZero();
            assertThat(new String(bystander.readFile("keep.txt"), StandardCharsets.UTF_8)).isEqualTo("precious");
            try (Sandbox fresh = docker.provider().create(small)) {
                ExecResult tools = fresh.run(Command.shell(Duration.ofSeconds(30), "git --version && mvn -v"));
                assertThat(tools.succeeded()).as(tools.output().text()).isTrue();
                assertThat(tools.output().text()).contains("git version").contains("Apache Maven 3.9");
            }
        }
    }

    @Test
    void leftoverContainersOfAKilledRunAreReaped() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(), docker.base().tag())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = builder.start();
        String containerId;
        try (var reader = child.inputReader()) {
            containerId = reader.readLine();
        }
        assertThat(containerId).as("the child printed its sandbox id").isNotBlank();
        assertThat(containerExists(containerId)).isTrue();

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs, the container is left behind
        child.waitFor(30, TimeUnit.SECONDS);
        assertThat(containerExists(containerId)).isTrue();

        try (SandboxProvider next = Sandboxes.docker(docker.engine())) {
            assertThat(containerExists(containerId)).isFalse();
        }
    }

    /** Run in a child JVM by the reaping test: makes a sandbox, prints its id, waits to be killed. */
    public static final class OrphanMaker {
        public static void main(String[] args) throws InterruptedException {
            SandboxProvider provider = Sandboxes.docker(DockerEngine.connectDefault());
            Sandbox sandbox = provider.create(SandboxSpec.of(args[0]));
            System.out.println(sandbox.id());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5));
        }
    }
}

package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Kubernetes backend against fabric8's mock API server (CRUD mode, with expectations in front of it for
 * injected errors). There is no kubelet: {@link #kubelet} plays its part by marking pods running. Exec is tested
 * only as far as the mock carries it (the request, a scripted answer); file copies and timeouts not at all. Nothing
 * here ran against a real cluster.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KubernetesSandboxProviderTest {
    private static final String NS = "quorum-test";
    private static final SandboxSpec.Limits LIMITS = new SandboxSpec.Limits(1.5, 2L << 30, 512, 4L << 30);

    KubernetesMockServer server;
    private KubernetesClient client;
    private ScheduledExecutorService kubelet;

    @BeforeEach
    void connect() {
        // Built here rather than injected, so that the client's own retries are off and ApiRetry's are counted.
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url("/")).withNamespace(NS)
                .withTrustCerts(true).withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
        kubelet = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void disconnect() {
        kubelet.shutdownNow();
        client.close();
    }

    private KubernetesSettings settings() {
        return KubernetesSettings.inNamespace(NS).withImageRegistry("registry.example.com/quorum/")
                .withPullSecrets(List.of("regcred")).withStartTimeout(Duration.ofSeconds(10))
                .withRetries(4, Duration.ofMillis(10));
    }

    private KubernetesSandboxProvider provider(KubernetesSettings settings) {
        return new KubernetesSandboxProvider(client, settings, () -> {
        });
    }

    /** Marks every pending sandbox pod as running with a ready container, as a kubelet would once it started. */
    private void startPodsAsAKubeletWould() {
        kubelet.scheduleWithFixedDelay(() -> {
            for (Pod pod : client.pods().inNamespace(NS).list().getItems()) {
                if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
                    client.pods().inNamespace(NS).resource(new PodBuilder(pod).withStatus(new PodStatusBuilder()
                            .withPhase("Running").addNewContainerStatus().withName(KubernetesPods.CONTAINER)
                            .withReady(true).endContainerStatus().build()).build()).updateStatus();
                }
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    @Test
    void aSandboxIsAPodWithEveryIsolationSettingAndLimitBehindADenyAllNetworkPolicy() {
        startPodsAsAKubeletWould();
        try (KubernetesSandboxProvider provider = provider(settings())) {
            Sandbox sandbox = provider.create(new SandboxSpec("quorum-env:abc123", LIMITS, 4096));
            Pod pod = client.pods().inNamespace(NS).withName(sandbox.id()).get();

            var spec = pod.getSpec();
            assertThat(spec.getRestartPolicy()).isEqualTo("Never");
            assertThat(spec.getAutomountServiceAccountToken()).isFalse();
            assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(Duration.ofHours(12).toSeconds());
            assertThat(spec.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("regcred");
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(spec.getSecurityContext().getRunAsUser()).isEqualTo((long) DockerImages.UID);
            assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

            Container c = spec.getContainers().get(0);
            assertThat(c.getImage()).isEqualTo("registry.example.com/quorum/quorum-env:abc123");
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getPrivileged()).isFalse();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            Map<String, Quantity> limits = c.getResources().getLimits();
            assertThat(Quantity.getAmountInBytes(limits.get("cpu")).doubleValue()).isEqualTo(1.5);
            assertThat(Quantity.getAmountInBytes(limits.get("memory")).longValue()).isEqualTo(2L << 30);
            assertThat(Quantity.getAmountInBytes(limits.get("ephemeral-storage")).longValue()).isEqualTo(4L << 30);
            assertThat(c.getResources().getRequests()).isEqualTo(limits);
            assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath())
                    .containsExactlyInAnyOrder("/workspace", "/tmp", "/tmp/quorum");
            assertThat(spec.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());

            Map<String, String> labels = pod.getMetadata().getLabels();
            assertThat(labels).containsEntry(Ownership.SANDBOX, "1").containsEntry(Ownership.ROLE, "sandbox")
                    .containsEntry(Ownership.PID, Long.toString(ProcessHandle.current().pid()))
                    .containsKey(Ownership.SESSION);

            NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(NS)
                    .withName(KubernetesPods.EGRESS_POLICY).get();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getEgress()).isEmpty();
            assertThat(policy.getSpec().getIngress()).isEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry(Ownership.SANDBOX, "1");
            assertThat(labels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());

            assertThat(sandbox.isolation().backend()).isEqualTo("kubernetes");
            sandbox.close();
            assertThat(client.pods().inNamespace(NS).withName(sandbox.id()).get()).isNull();
        }
    }

    @Test
    void closingTheProviderRemovesTheRunsPods() {
        startPodsAsAKubeletWould();
        KubernetesSandboxProvider provider = provider(settings());
        provider.create(new SandboxSpec("quorum-env:a", LIMITS, 4096));
        provider.create(new SandboxSpec("quorum-env:b", LIMITS, 4096));
        assertThat(client.pods().inNamespace(NS).list().getItems()).hasSize(2);
        provider.close();
        assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void podCreationIsRetriedOnConflictThrottlingAndServerErrors() throws InterruptedException {
        for (int code : new int[]{409, 429, 500}) {
            server.expect().post().withPath("/api/v1/namespaces/" + NS + "/pods")
                    .andReturn(code, new StatusBuilder().withCode(code).withMessage("injected " + code).build())
                    .once();
        }
        startPodsAsAKubeletWould();
        try (KubernetesSandboxProvider provider = provider(settings())) {
            Sandbox sandbox = provider.create(new SandboxSpec("quorum-env:abc", LIMITS, 4096));
            assertThat(client.pods().inNamespace(NS).withName(sandbox.id()).get()).isNotNull();
            assertThat(client.pods().inNamespace(NS).list().getItems()).hasSize(1);
        }
        assertThat(podCreations()).as("three refused attempts, then the one that worked").isEqualTo(4);
    }

    private int podCreations() throws InterruptedException {
        return (int) requestsSoFar().stream()
                .filter(r -> r.startsWith("POST /api/v1/namespaces/" + NS + "/pods")).count();
    }

    /** Every request the API server got so far, as "METHOD path". */
    private List<String> requestsSoFar() throws InterruptedException {
        // The stand-in kubelet polls the API every 50 ms: stop it, or the queue of requests never runs dry.
        kubelet.shutdownNow();
        assertThat(kubelet.awaitTermination(10, TimeUnit.SECONDS)).as("the stand-in kubelet stopped").isTrue();
        List<String> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (var r = server.takeRequest(100, TimeUnit.MILLISECONDS); r != null && System.nanoTime() < deadline;
             r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            seen.add(r.getMethod() + " " + r.getPath());
        }
        return seen;
    }

    @Test
    void errorsThatPersistAreAnInfrastructureFailureAndOthersFailAtOnce() {
        server.expect().post().withPath("/api/v1/namespaces/" + NS + "/pods")
                .andReturn(503, new StatusBuilder().withCode(503).withMessage("overloaded").build()).times(4);
        try (KubernetesSandboxProvider provider = provider(settings())) {
            assertThatThrownBy(() -> provider.create(new SandboxSpec("quorum-env:abc", LIMITS, 4096)))
                    .isInstanceOf(SandboxInfraException.class).hasMessageContaining("4 times")
                    .hasMessageContaining("503");

            server.expect().post().withPath("/api/v1/namespaces/" + NS + "/pods")
                    .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden by RBAC").build())
                    .once();
            assertThatThrownBy(() -> provider.create(new SandboxSpec("quorum-env:abc", LIMITS, 4096)))
                    .isInstanceOf(SandboxException.class).isNotInstanceOf(SandboxInfraException.class)
                    .hasMessageContaining("403");
        }
    }

    @Test
    void aPodThatDoesNotStartInTimeIsRemovedAndCountsAsAnInfrastructureFailure() {
        try (KubernetesSandboxProvider provider = provider(settings().withStartTimeout(Duration.ofSeconds(1)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> provider.create(new SandboxSpec("quorum-env:abc", LIMITS, 4096)))
                    .isInstanceOf(SandboxInfraException.class).hasMessageContaining("did not start within 1 s");
            // The configured second, not the five-minute default: a bound far from either, so that load cannot matter.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(2));
            assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
        }
    }

    @Test
    void anImageThatCannotBePulledIsSaidAtOnceNotAfterTheTimeout() {
        kubelet.scheduleWithFixedDelay(() -> {
            for (Pod pod : client.pods().inNamespace(NS).list().getItems()) {
                client.pods().inNamespace(NS).resource(new PodBuilder(pod).withStatus(new PodStatusBuilder()
                        .withPhase("Pending").addNewContainerStatus().withName(KubernetesPods.CONTAINER)
                        .withReady(false).withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("pull access denied").endWaiting().endState().endContainerStatus().build())
                        .build()).updateStatus();
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        try (KubernetesSandboxProvider provider = provider(settings().withStartTimeout(Duration.ofMinutes(5)))) {
            assertThatThrownBy(() -> provider.create(new SandboxSpec("quorum-env:abc", LIMITS, 4096)))
                    .isInstanceOf(SandboxException.class).isNotInstanceOf(SandboxInfraException.class)
                    .hasMessageContaining("ImagePullBackOff").hasMessageContaining("--image-registry");
            assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
        }
    }

    @Test
    void podsOfDeadProcessesOfThisHostAreRemovedAtStartOthersAreKept() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Ownership dead = new Ownership(Ownership.hostName(), finished.pid(),
                finished.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(1L), "dead-session");
        Ownership alive = Ownership.ofThisProcess();
        Ownership elsewhere = new Ownership("another-host", 1, 1, "remote-session");
        Map<String, Ownership> owners = Map.of("orphan", dead, "mine", alive, "remote", elsewhere);
        owners.forEach((name, owner) -> client.pods().inNamespace(NS).resource(
                KubernetesPods.sandbox(name, "img", LIMITS, owner, settings())).create());

        try (KubernetesSandboxProvider provider = provider(settings())) {
            List<String> left = client.pods().inNamespace(NS).list().getItems().stream()
                    .map(p -> p.getMetadata().getName()).toList();
            assertThat(left).containsExactlyInAnyOrder("mine", "remote");
            assertThat(provider.reapOrphans()).isZero();
        }
    }

    /**
     * What exec over the mock can carry: the request (the command wrapped to run in its directory with its
     * environment, in the sandbox container) and an answer scripted by expectation (output, exit code). It cannot
     * run anything, so file copies and timeouts are not tested.
     */
    @Test
    void aCommandGoesOverExecInItsDirectoryWithItsEnvironmentAndItsOutputAndExitCodeComeBack() throws Exception {
        // The client looks the pod up before it execs: a running one, as the provider leaves it.
        client.pods().inNamespace(NS).resource(new PodBuilder(KubernetesPods.sandbox("p1", "img", LIMITS,
                Ownership.ofThisProcess(), settings())).withStatus(new PodStatusBuilder().withPhase("Running")
                .addNewContainerStatus().withName(KubernetesPods.CONTAINER).withReady(true).endContainerStatus()
                .build()).build()).create();
        KubernetesSandbox sandbox = new KubernetesSandbox(client, NS, "p1",
                new Isolation(true, "kubernetes", "none", "quorum", LIMITS, List.of()), 4096, () -> {
        });
        Command command = new Command(List.of("mvn", "-o", "test"), "core", Map.of("MAVEN_OPTS", "-Xmx1g"),
                Duration.ofSeconds(20));
        // No expectation yet: the mock refuses the exec, and the request it got says how the command was sent.
        assertThatThrownBy(() -> sandbox.run(command)).isInstanceOf(SandboxInfraException.class);
        String path = lastExecPath();
        assertThat(java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("/api/v1/namespaces/" + NS + "/pods/p1/exec?")
                .contains("command=sh&command=-c&command=cd \"$0\" && exec env \"$@\"&command=/workspace/core"
                        + "&command=MAVEN_OPTS=-Xmx1g&command=mvn&command=-o&command=test")
                .contains("container=" + KubernetesPods.CONTAINER);

        server.expect().get().withPath(path).andUpgradeToWebSocket()
                .open(new io.fabric8.kubernetes.client.server.mock.OutputStreamMessage("BUILD FAILURE\n"),
                        // shaped as the API server reports a non-zero exit on the exec error channel
                        new io.fabric8.kubernetes.client.server.mock.StatusMessage(new StatusBuilder()
                                .withStatus("Failure").withReason("NonZeroExitCode").withMessage(
                                        "command terminated with non-zero exit code: exit status 1")
                                .withNewDetails().addNewCause().withReason("ExitCode").withMessage("1").endCause()
                                .endDetails().build()))
                .done().once();
        ExecResult result = sandbox.run(command);
        assertThat(result).isInstanceOf(ExecResult.Exited.class);
        assertThat(((ExecResult.Exited) result).exitCode()).isEqualTo(1);
        assertThat(result.output().text()).isEqualTo("BUILD FAILURE\n");
    }

    /**
     * An exec stream that closes without the exit status (a broken connection, a node gone) is an infrastructure
     * failure, and the provider knows the sandbox is lost even if a caller swallowed the exception. (The mock closes
     * every scripted exec stream once its messages are sent, so a command that outlives its timeout cannot be
     * played, and timeouts are not tested here.)
     */
    @Test
    void anExecStreamThatClosesWithoutAnExitStatusIsAnInfrastructureFailure() throws Exception {
        startPodsAsAKubeletWould();
        try (KubernetesSandboxProvider provider = provider(settings())) {
            Sandbox sandbox = provider.create(new SandboxSpec("quorum-env:abc", LIMITS, 4096));
            Command command = Command.of(Duration.ofSeconds(30), "mvn", "test");
            assertThatThrownBy(() -> sandbox.run(command)).isInstanceOf(SandboxException.class);
            server.expect().get().withPath(lastExecPath()).andUpgradeToWebSocket()
                    .open(new io.fabric8.kubernetes.client.server.mock.OutputStreamMessage("started\n"))
                    .done().once();

            // A fresh handle on the same pod, so that only this exec can mark it lost.
            KubernetesSandbox samePod = new KubernetesSandbox(client, NS, sandbox.id(), sandbox.isolation(), 4096,
                    () -> {
                    });
            assertThat(provider.lostUnder(samePod)).isFalse();
            assertThatThrownBy(() -> samePod.run(command)).isInstanceOf(SandboxInfraException.class)
                    .hasMessageContaining("closed before 'sh -c");
            assertThat(provider.lostUnder(samePod)).isTrue();
        }
    }

    private String lastExecPath() throws InterruptedException {
        List<String> seen = requestsSoFar();
        String path = seen.stream().filter(r -> r.contains("/exec?")).reduce((a, b) -> b)
                .map(r -> r.substring(r.indexOf(' ') + 1)).orElse(null);
        assertThat(path).as("an exec request reached the server; it saw " + seen).isNotNull();
        return path;
    }

    @Test
    void labelValuesAreMadeAcceptableToKubernetes() {
        assertThat(KubernetesPods.labelValue("host.example.com")).isEqualTo("host.example.com");
        assertThat(KubernetesPods.labelValue("my host!")).isEqualTo("my-host");
        assertThat(KubernetesPods.labelValue("x".repeat(80))).hasSize(63);
        Map<String, String> labels = new HashMap<>(KubernetesPods.labels(Ownership.ofThisProcess()));
        assertThat(labels.values()).allMatch(v -> v.matches("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]?"));
    }
}

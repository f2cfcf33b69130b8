package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The network an env-image build runs on, per {@link NetworkPolicy}: the internal Docker network
 * {@value #NAME} (no route out) with a {@link RepositoryProxy} listening on its gateway, or the host's network.
 */
final class BuildNetwork implements AutoCloseable {
    static final String NAME = "quorum-build";

    private final String mode;
    private final Map<String, String> mavenProxy;
    private final RepositoryProxy proxy;

    private BuildNetwork(String mode, Map<String, String> mavenProxy, RepositoryProxy proxy) {
        this.mode = mode;
        this.mavenProxy = mavenProxy;
        this.proxy = proxy;
    }

    /** @param pomHosts the repository hosts the build's poms declare */
    static BuildNetwork open(DockerClient docker, NetworkPolicy policy, Set<String> pomHosts) {
        if (policy.hostNetwork()) {
            return new BuildNetwork("host", policy.proxy(), null);
        }
        String gateway = gateway(docker);
        Set<String> hosts = new TreeSet<>(NetworkPolicy.CENTRAL);
        hosts.addAll(pomHosts);
        try {
            String upstream = policy.upstreamProxy();
            RepositoryProxy proxy = new RepositoryProxy(InetAddress.getByName(gateway), hosts, policy.allowedHosts(),
                    upstream == null ? null : URI.create(upstream));
            String url = "http://" + gateway + ":" + proxy.address().getPort();
            return new BuildNetwork(NAME, Map.of("HTTPS_PROXY", url, "HTTP_PROXY", url), proxy);
        } catch (IOException e) {
            throw new SandboxException("cannot start the repository proxy on " + gateway + " (the gateway of"
                    + " Docker network " + NAME + "): " + e.getMessage() + ". Set QUORUM_BUILD_NETWORK=host to build"
                    + " env images on the host's network instead.", e);
        }
    }

    /** The Docker network mode for the build container. */
    String mode() {
        return mode;
    }

    /** Proxy variables for the build's Maven settings (empty: none). */
    Map<String, String> mavenProxy() {
        return mavenProxy;
    }

    /** The internal network's gateway address, creating the network when absent (once, shared by everyone). */
    private static String gateway(DockerClient docker) {
        Network network;
        try {
            network = docker.inspectNetworkCmd().withNetworkId(NAME).exec();
        } catch (NotFoundException absent) {
            try {
                docker.createNetworkCmd().withName(NAME).withDriver("bridge").withInternal(true)
                        .withCheckDuplicate(true)
                        .withLabels(Map.of("dev.quorum.role", "env-build-network")).exec();
            } catch (ConflictException raced) {
                // another process created it first
            }
            network = docker.inspectNetworkCmd().withNetworkId(NAME).exec();
        }
        if (!Boolean.TRUE.equals(network.getInternal())) {
            throw new SandboxException("Docker network " + NAME + " exists but is not internal (it would give builds"
                    + " a route out); remove it (docker network rm " + NAME + ") and Quorum recreates it");
        }
        for (Network.Ipam.Config config : network.getIpam().getConfig()) {
            if (config.getGateway() != null && !config.getGateway().contains(":")) {
                return config.getGateway();
            }
        }
        throw new SandboxException("Docker network " + NAME + " has no IPv4 gateway; remove it (docker network rm "
                + NAME + ") or set QUORUM_BUILD_NETWORK=host");
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
    }
}

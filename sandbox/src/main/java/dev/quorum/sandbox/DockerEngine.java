package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.time.Duration;

/**
 * A connection to a Docker engine (docker-java over the Apache HttpClient 5 transport). The host comes from
 * {@code DOCKER_HOST} or defaults to the local socket.
 */
public final class DockerEngine implements AutoCloseable {
    private final DockerClient client;
    private final String host;

    private DockerEngine(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    /** Connects lazily: nothing is sent until the first call, so this never fails for a missing engine. */
    public static DockerEngine connect(String dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null && !dockerHost.isBlank()) {
            builder.withDockerHost(dockerHost);
        }
        DockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(128)
                .connectionTimeout(Duration.ofSeconds(10))
                // Our own wall-clock limits govern long commands; the transport must not cut them first.
                .responseTimeout(Duration.ofHours(12))
                .build();
        return new DockerEngine(DockerClientImpl.getInstance(config, http), config.getDockerHost().toString());
    }

    public static DockerEngine connectDefault() {
        return connect(System.getenv("DOCKER_HOST"));
    }

    public String host() {
        return host;
    }

    public EngineStatus status() {
        try {
            client.pingCmd().exec();
            Version v = client.versionCmd().exec();
            return new EngineStatus(host, true, v.getVersion(), v.getApiVersion(), null);
        } catch (RuntimeException e) {
            return new EngineStatus(host, false, null, null, "no Docker engine answers at " + host + " ("
                    + rootMessage(e) + "). Start one (e.g. `scripts/setup.sh`, or `dockerd &` as root), or set"
                    + " DOCKER_HOST.");
        }
    }

    /** Throws a clear error when no engine answers. */
    public void requireReachable() {
        EngineStatus status = status();
        if (!status.reachable()) {
            throw new SandboxException(status.problem());
        }
    }

    DockerClient client() {
        return client;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing a connection pool cannot lose any work
        }
    }
}

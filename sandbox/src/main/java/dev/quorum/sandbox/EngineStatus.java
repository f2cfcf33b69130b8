package dev.quorum.sandbox;

/**
 * Whether a Docker engine answers, and what it is.
 *
 * @param host       where the client looked (e.g. {@code unix:///var/run/docker.sock})
 * @param reachable  true when the engine answered a ping
 * @param version    the engine's version, or null
 * @param apiVersion the engine's API version, or null
 * @param problem    why it is not reachable, with what to do, or null
 */
public record EngineStatus(String host, boolean reachable, String version, String apiVersion, String problem) {
}

package dev.quorum.sandbox;

/** Where sandbox providers come from. */
public final class Sandboxes {
    private Sandboxes() {
    }

    /** Isolated sandboxes, one container each. Removes leftovers of dead Quorum processes first. */
    public static SandboxProvider docker(DockerEngine engine) {
        return new DockerSandboxProvider(engine);
    }

    /**
     * Sandboxes that are plain directories on the host: NOT isolated (the code runs as you, with your network
     * and files). For machines without a Docker engine, and only when the user asks for it.
     */
    public static SandboxProvider local() {
        return new LocalSandboxProvider();
    }
}

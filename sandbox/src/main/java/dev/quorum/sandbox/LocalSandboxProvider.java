package dev.quorum.sandbox;

import java.util.List;

final class LocalSandboxProvider implements SandboxProvider {

    @Override
    public Sandbox create(SandboxSpec spec) {
        return new LocalSandbox(isolation(spec), spec.outputCap());
    }

    @Override
    public Isolation isolation(SandboxSpec spec) {
        return new Isolation(false, "local", "host", System.getProperty("user.name"), null,
                List.of("none: a plain directory on the host"));
    }

    @Override
    public void close() {
        // Each LocalSandbox deletes its own directories when closed.
    }
}

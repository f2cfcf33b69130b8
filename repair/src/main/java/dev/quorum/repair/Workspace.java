package dev.quorum.repair;

import dev.quorum.core.Patch;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.SandboxSpec;
import java.nio.file.Path;

/**
 * The one sandbox a repair runs everything in: the checkout and the test patch go in once, and each candidate is
 * undone by writing the original file back, far cheaper than a new container. A sandbox killed at a timeout is
 * replaced by a fresh one on next use.
 */
final class Workspace implements AutoCloseable {
    private final SandboxProvider provider;
    private final String image;
    private final Path checkout;
    private final Patch testPatch;
    private Sandbox sandbox;

    Workspace(SandboxProvider provider, String image, Path checkout, Patch testPatch) {
        this.provider = provider;
        this.image = image;
        this.checkout = checkout;
        this.testPatch = testPatch;
    }

    Sandbox sandbox() {
        if (sandbox == null || !sandbox.isAlive()) {
            open();
        }
        return sandbox;
    }

    private void open() {
        close();
        sandbox = provider.create(SandboxSpec.of(image));
        sandbox.copyIn(checkout, "");
        if (!testPatch.isEmpty()) {
            PatchApplication applied = sandbox.applyPatch(testPatch, "");
            if (applied instanceof PatchApplication.Rejected rejected) {
                throw new IllegalArgumentException("the test patch does not apply to the repository at its base"
                        + " commit: " + rejected.reason() + "; make it against that commit (git diff)");
            }
        }
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}

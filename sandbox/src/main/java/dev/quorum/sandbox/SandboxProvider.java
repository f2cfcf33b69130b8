package dev.quorum.sandbox;

/** Creates sandboxes. One provider per process is enough; it removes what it created when closed. */
public interface SandboxProvider extends AutoCloseable {

    Sandbox create(SandboxSpec spec);

    /** What kind of sandboxes this provider makes and how they are isolated, for reports and `doctor`. */
    Isolation isolation(SandboxSpec spec);

    @Override
    void close();
}

package dev.quorum.sandbox;

import dev.quorum.core.Patch;
import java.nio.file.Path;

/**
 * A place to build and run a repository's code, isolated from the host and from other sandboxes (or, for the
 * local backend, explicitly not isolated: see {@link #isolation()}). Paths are relative to the sandbox's
 * workspace. A sandbox whose command hit its wall-clock limit has been killed and cannot be used again.
 */
public interface Sandbox extends AutoCloseable {

    String id();

    /** What protects the host and the other sandboxes from code run here. */
    Isolation isolation();

    /** An absolute directory outside the workspace where commands may write temporary files. */
    String scratchDir();

    /** Copies the contents of a host directory into {@code dest} (relative to the workspace; "" for its root). */
    void copyIn(Path hostDir, String dest);

    /** Writes one file (bytes as given), creating parent directories. */
    void writeFile(String path, byte[] content);

    /** Reads one file out of the workspace (or an absolute path, e.g. in {@link #scratchDir()}). */
    byte[] readFile(String path);

    /** Copies a directory (or file) of the workspace to a host directory. */
    void copyOut(String path, Path hostDir);

    /**
     * Applies a unified diff in {@code dir}: {@code git apply}, then a 3-way merge, then a fuzzy {@code patch};
     * the answer says which worked or why none did. A failed attempt leaves the workspace as it was.
     */
    PatchApplication applyPatch(Patch patch, String dir);

    /** Runs a command; when its wall-clock limit passes the sandbox is killed and the result is a timeout. */
    ExecResult run(Command command);

    /** True until destroyed or killed at a timeout. */
    boolean isAlive();

    /** Destroys the sandbox and everything in it. Safe to call twice. */
    @Override
    void close();
}

package dev.quorum.sandbox;

/** What {@link PatchApplier} needs from a backend: a scratch file outside the workspace, and a way to run. */
interface ScratchRunner {

    /** Writes a file outside the workspace and returns its absolute path as commands inside see it. */
    String writeScratch(String name, byte[] content);

    ExecResult run(Command command);
}

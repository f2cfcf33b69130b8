package dev.quorum.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory on the host as {@link PatchApplier} sees a backend: commands run in it, scratch files beside it. */
record HostDirectory(Path root, Path scratch) implements ScratchRunner {

    @Override
    public String writeScratch(String name, byte[] content) {
        Path file = scratch.resolve(name);
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file.toString();
    }

    @Override
    public ExecResult run(Command command) {
        Path dir = command.workdir() == null || command.workdir().isEmpty() ? root : root.resolve(command.workdir());
        HostProcess.Result r = HostProcess.run(command.argv(), dir, command.timeout(), null,
                SandboxSpec.DEFAULT_OUTPUT_CAP, command.env());
        return r.timedOut() ? new ExecResult.TimedOut(command.timeout(), r.output(), r.elapsed())
                : new ExecResult.Exited(r.exitCode(), r.output(), r.elapsed());
    }
}

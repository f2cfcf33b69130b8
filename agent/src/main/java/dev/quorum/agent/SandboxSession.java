package dev.quorum.agent;

import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trajectory's sandbox, started on first use from the repository's env image. Edits happen on the host
 * worktree; before anything runs, the files changed since the last sync are copied in. A sandbox killed at a
 * timeout is replaced by a fresh one with the whole worktree copied in.
 */
final class SandboxSession implements AutoCloseable {

    /** Sandboxes alive at once, over all trajectories of a run. */
    static final class Slots {
        private final Semaphore permits;
        final int size;
        private final AtomicInteger alive = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger made = new AtomicInteger();

        Slots(int size) {
            this.size = size;
            this.permits = new Semaphore(size, true);
        }
    }

    private final SandboxProvider provider;
    private final SandboxSpec spec;
    private final Worktree worktree;
    private final Slots slots;
    private final Set<String> dirty = new LinkedHashSet<>();
    private Sandbox sandbox;
    private boolean holdsSlot;

    SandboxSession(SandboxProvider provider, SandboxSpec spec, Worktree worktree, Slots slots) {
        this.provider = provider;
        this.spec = spec;
        this.worktree = worktree;
        this.slots = slots;
    }

    /** Remembers a file the trajectory changed on the host, to copy it in before the next run. */
    void changed(String relativePath) {
        dirty.add(relativePath);
    }

    /** The sandbox, in sync with the worktree. Waits for a free slot the first time. */
    Sandbox ready() {
        if (sandbox != null && sandbox.isAlive()) {
            syncDirty();
            return sandbox;
        }
        if (sandbox != null) {
            sandbox.close(); // killed at a timeout: it cannot be used again
            slots.alive.decrementAndGet();
        }
        if (!holdsSlot) {
            slots.permits.acquireUninterruptibly();
            holdsSlot = true;
        }
        sandbox = provider.create(spec);
        slots.made.incrementAndGet();
        slots.peak.accumulateAndGet(slots.alive.incrementAndGet(), Math::max);
        sandbox.copyIn(worktree.dir(), "");
        dirty.clear();
        return sandbox;
    }

    private void syncDirty() {
        for (String path : dirty) {
            Path file = worktree.dir().resolve(path);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                sandbox.writeFile(path, worktree.read(file, Integer.MAX_VALUE - 16));
            }
        }
        dirty.clear();
    }

    boolean started() {
        return sandbox != null;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
            slots.alive.decrementAndGet();
            sandbox = null;
        }
        if (holdsSlot) {
            slots.permits.release();
            holdsSlot = false;
        }
    }
}

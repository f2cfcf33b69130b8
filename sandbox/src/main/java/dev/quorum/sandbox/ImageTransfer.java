package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an image onto the engine that needs it, as {@code docker save | docker load} does: streamed from an engine
 * that has it, never held in memory. Each image goes to each engine once even when many sandboxes ask at once.
 */
final class ImageTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(ImageTransfer.class);

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Makes {@code image} exist on {@code target}, copying it from the first of {@code sources} that has it. */
    void ensure(String image, DockerEngine target, Iterable<DockerEngine> sources) {
        if (DockerImages.exists(target.client(), image)) {
            return;
        }
        synchronized (locks.computeIfAbsent(target.host() + " " + image, k -> new Object())) {
            if (!DockerImages.exists(target.client(), image)) {
                copy(image, source(image, target, sources), target);
            }
        }
    }

    private static DockerEngine source(String image, DockerEngine target, Iterable<DockerEngine> sources) {
        for (DockerEngine engine : sources) {
            if (engine != target && engine.status().reachable() && DockerImages.exists(engine.client(), image)) {
                return engine;
            }
        }
        throw new SandboxException("image " + image + " is on no engine of the pool; build it first (quorum doctor"
                + " --fix builds the base image)");
    }

    private static void copy(String image, DockerEngine from, DockerEngine to) {
        long start = System.nanoTime();
        DockerClient source = from.client();
        try (InputStream saved = source.saveImageCmd(image).exec()) {
            to.client().loadImageCmd(saved).exec();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy image " + image + " from " + from.host() + " to "
                    + to.host() + ": " + e.getMessage(), e);
        }
        if (!DockerImages.exists(to.client(), image)) {
            throw new SandboxException("loading " + image + " into the engine at " + to.host() + " did not make it"
                    + " appear there");
        }
        LOG.info("copied image {} from {} to {} in {} s", image, from.host(), to.host(),
                (System.nanoTime() - start) / 1_000_000_000L);
    }
}

package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes Quorum's containers: those of dead processes at start-up, and a session's own at exit. */
final class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    private Reaper() {
    }

    /** Removes containers left by processes that no longer run; returns how many. */
    static int reapOrphans(DockerClient docker) {
        return removeWhere(docker, Ownership::ownerIsGone);
    }

    static int reapSession(DockerClient docker, String session) {
        return removeWhere(docker, labels -> session.equals(labels.get(Ownership.SESSION)));
    }

    private static int removeWhere(DockerClient docker, Predicate<Map<String, String>> doomed) {
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Ownership.SANDBOX, "1")).exec();
        int removed = 0;
        for (Container c : containers) {
            if (doomed.test(c.getLabels())) {
                remove(docker, c.getId());
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("removed {} leftover sandbox container(s)", removed);
        }
        return removed;
    }

    static void remove(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removed by someone else (auto-remove, a parallel reaper): that is what we wanted
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("already in progress")) {
                LOG.warn("could not remove container {}: {}", id, e.getMessage());
            }
        }
    }
}

package dev.quorum.sandbox;

import java.util.List;

/**
 * What protects the host from code run in a sandbox, stated so that reports and `quorum doctor` can say it.
 *
 * @param isolated    false for the local-process backend, which protects nothing
 * @param backend     {@code docker} or {@code local}
 * @param network     {@code none} when the sandbox has no network
 * @param user        the user commands run as
 * @param limits      resource limits (null when none are enforced)
 * @param hardening   further settings, e.g. {@code no-new-privileges}, {@code cap-drop=ALL}
 */
public record Isolation(boolean isolated, String backend, String network, String user, SandboxSpec.Limits limits,
                        List<String> hardening) {

    public Isolation {
        hardening = hardening == null ? List.of() : List.copyOf(hardening);
    }

    public String describe() {
        if (!isolated) {
            return "NOT ISOLATED (" + backend + "): commands run on the host as " + user
                    + " with the host's network and files";
        }
        return backend + ": network " + network + ", user " + user + ", cpus " + limits.cpus() + ", memory "
                + (limits.memoryBytes() >> 20) + " MiB, pids " + limits.pids() + ", " + String.join(", ", hardening);
    }
}

package dev.quorum.sandbox;

import java.util.List;

/** What `quorum doctor` found: one line per check. */
public record Diagnosis(List<Check> checks) {

    public Diagnosis {
        checks = List.copyOf(checks);
    }

    public enum Status { OK, WARN, FAIL }

    public record Check(String name, Status status, String detail) {
    }

    /** True when no check failed. */
    public boolean healthy() {
        return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
    }
}

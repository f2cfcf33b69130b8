package dev.quorum.repair;

import dev.quorum.core.Patch;
import java.util.Objects;

/** A patch made by one fix template at one suspicious statement, which passed the failing and regression tests. */
public record RepairCandidate(Patch patch, Provenance provenance) {

    public RepairCandidate {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * @param template       the fix template's name, e.g. {@code operator-mutation}
     * @param file           the changed file, relative to the repository root
     * @param line           the statement's line in the base version
     * @param suspiciousness the statement's score (Ochiai over per-test coverage, raised by stack frames)
     * @param change         what the template did, e.g. {@code a < b  →  a <= b}
     */
    public record Provenance(String template, String file, int line, double suspiciousness, String change) {
    }
}

package dev.quorum.agent.solve;

/** Keeps credentials out of anything a run writes. */
final class Redaction {
    private Redaction() {
    }

    /** {@code https://user:token@host/x} → {@code https://***@host/x}. */
    static String url(String spec) {
        return spec == null ? null : spec.replaceAll("(?<=://)[^/@\\s]+@", "***@");
    }
}

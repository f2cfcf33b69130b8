package dev.quorum.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Labels that tie every container to the process that made it, so that leftovers of a process that died
 * (kill -9, a crash) are recognised and removed by the next one.
 */
record Ownership(String host, long pid, long startMillis, String session) {
    static final String SANDBOX = "dev.quorum.sandbox";
    static final String HOST = "dev.quorum.host";
    static final String PID = "dev.quorum.pid";
    static final String START = "dev.quorum.pid-start";
    static final String SESSION = "dev.quorum.session";
    static final String ROLE = "dev.quorum.role";

    static Ownership ofThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return new Ownership(hostName(), self.pid(), start, UUID.randomUUID().toString());
    }

    Map<String, String> labels(String role) {
        Map<String, String> labels = new HashMap<>();
        labels.put(SANDBOX, "1");
        labels.put(HOST, host);
        labels.put(PID, Long.toString(pid));
        labels.put(START, Long.toString(startMillis));
        labels.put(SESSION, session);
        labels.put(ROLE, role);
        return labels;
    }

    /**
     * True when the labels name a process on this host that is gone (or whose pid now belongs to another
     * process). Containers of other hosts are never judged: their owner may be alive elsewhere.
     */
    static boolean ownerIsGone(Map<String, String> labels) {
        if (labels == null || !hostName().equals(labels.get(HOST))) {
            return false;
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(labels.getOrDefault(PID, ""));
            start = Long.parseLong(labels.getOrDefault(START, "0"));
        } catch (NumberFormatException e) {
            return true;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        long actualStart = handle.get().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(start);
        // Start times are reported with coarse precision on some systems; allow a little slack.
        return Math.abs(actualStart - start) > 2_000;
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
    }
}

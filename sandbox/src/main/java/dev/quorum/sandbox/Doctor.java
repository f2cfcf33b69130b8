package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import dev.quorum.sandbox.Diagnosis.Check;
import dev.quorum.sandbox.Diagnosis.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what Quorum's sandboxes stand on, and says it as it is: the isolation line is not a restatement of the
 * settings but what a probe inside a real sandbox observed (user, network interfaces, capabilities, limits).
 */
public final class Doctor {
    private final Function<String, String> env;

    public Doctor(Function<String, String> env) {
        this.env = env;
    }

    /** @param fix build the base image when it is absent */
    public Diagnosis diagnose(boolean fix) {
        List<Check> checks = new ArrayList<>();
        Runtime.Version java = Runtime.version();
        checks.add(new Check("java", java.feature() >= 21 ? Status.OK : Status.FAIL,
                "Java " + java + " at " + System.getProperty("java.home")));
        try (DockerEngine engine = DockerEngine.connect(env.apply("DOCKER_HOST"))) {
            EngineStatus status = engine.status();
            if (!status.reachable()) {
                checks.add(new Check("docker engine", Status.FAIL, status.problem()));
                return new Diagnosis(checks);
            }
            checks.add(new Check("docker engine", Status.OK, "Docker " + status.version() + " (API "
                    + status.apiVersion() + ") at " + status.host()));
            NetworkPolicy network = NetworkPolicy.fromEnvironment(env);
            Environments environments = Environments.create(engine, network, env);
            Optional<String> base = baseImage(environments, fix, checks);
            checks.add(new Check("network policy", Status.OK, network.describe()));
            base.ifPresent(tag -> checks.add(probeIsolation(engine, tag)));
        }
        return new Diagnosis(checks);
    }

    /**
     * How a repository would be built (its {@link BuildProfile}: JDK, Maven, module, flags, and why) and whether its
     * env image exists; builds nothing.
     */
    public Diagnosis diagnoseRepo(java.nio.file.Path repo, BuildHints hints) {
        List<Check> checks = new ArrayList<>();
        try (DockerEngine engine = DockerEngine.connect(env.apply("DOCKER_HOST"))) {
            EngineStatus status = engine.status();
            if (!status.reachable()) {
                checks.add(new Check("docker engine", Status.FAIL, status.problem()));
                return new Diagnosis(checks);
            }
            Environments environments = Environments.create(engine, NetworkPolicy.fromEnvironment(env), env);
            BuildProfile profile = environments.profile(repo, hints);
            for (String line : profile.describe()) {
                checks.add(new Check("build profile", Status.OK, line));
            }
            if (profile.jdk() != profile.jdkWanted()) {
                checks.add(new Check("jdk", Status.WARN, "JDK " + profile.jdkWanted() + " is not obtainable here;"
                        + " JDK " + profile.jdk() + " runs the build instead"));
            }
            checks.add(environments.existingEnv(repo, hints)
                    .map(e -> new Check("env image", Status.OK, e.tag() + " (present; stored profile: "
                            + (e.profile() == null ? "none, built before profiles were stored" : e.profile().summary())
                            + ")"))
                    .orElseGet(() -> new Check("env image", Status.WARN, "not built yet; the first eval or solve on"
                            + " this repository builds it")));
        } catch (SandboxException e) {
            checks.add(new Check("build profile", Status.FAIL, e.getMessage()));
        }
        return new Diagnosis(checks);
    }

    private static Optional<String> baseImage(Environments environments, boolean fix, List<Check> checks) {
        try {
            Optional<String> existing = environments.existingBase();
            if (existing.isPresent()) {
                checks.add(new Check("base image", Status.OK, existing.get() + " (present)"));
                return existing;
            }
            if (!fix) {
                checks.add(new Check("base image", Status.FAIL, "absent (would be "
                        + environments.expectedBaseTag().orElse("quorum-base:?")
                        + "); `quorum doctor --fix` builds it (about a minute)"));
                return Optional.empty();
            }
            BaseImage built = environments.ensureBase();
            checks.add(new Check("base image", Status.OK, built.tag() + " (built now by " + built.method() + " in "
                    + built.took().toSeconds() + " s)"));
            return Optional.of(built.tag());
        } catch (SandboxException e) {
            checks.add(new Check("base image", Status.FAIL, e.getMessage()));
            return Optional.empty();
        }
    }

    private static final String PROBE = """
            echo "uid=$(id -u) user=$(id -un)"
            echo "interfaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | paste -sd, -)"
            grep -E '^(CapEff|NoNewPrivs)' /proc/self/status | tr -d '\\t' | tr ':' '='
            echo "pids=$(cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max 2>/dev/null)"
            echo "memory=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null)"
            """;

    private static Check probeIsolation(DockerEngine engine, String image) {
        SandboxSpec spec = SandboxSpec.of(image);
        try (SandboxProvider provider = Sandboxes.docker(engine); Sandbox sandbox = provider.create(spec)) {
            ExecResult r = sandbox.run(Command.shell(Duration.ofSeconds(30), PROBE));
            Map<String, String> seen = parse(r.output().text());
            List<String> problems = new ArrayList<>();
            if ("0".equals(seen.get("uid"))) problems.add("commands run as root");
            if (!"lo".equals(seen.get("interfaces"))) problems.add("network interfaces " + seen.get("interfaces"));
            if (!"0000000000000000".equals(seen.get("CapEff"))) problems.add("capabilities " + seen.get("CapEff"));
            if (!"1".equals(seen.get("NoNewPrivs"))) problems.add("new privileges allowed");
            if (!String.valueOf(spec.limits().pids()).equals(seen.get("pids"))) problems.add("pids limit " + seen.get("pids"));
            if (!String.valueOf(spec.limits().memoryBytes()).equals(seen.get("memory"))) {
                problems.add("memory limit " + seen.get("memory"));
            }
            String observed = "observed in a probe sandbox: user " + seen.get("user") + " (uid " + seen.get("uid")
                    + "), network interfaces [" + seen.get("interfaces") + "], effective capabilities "
                    + seen.get("CapEff") + ", no_new_privs " + seen.get("NoNewPrivs") + ", pids limit "
                    + seen.get("pids") + ", memory limit " + seen.get("memory") + " bytes; cpus "
                    + spec.limits().cpus() + "; commands killed at their wall-clock limit";
            return problems.isEmpty() ? new Check("isolation", Status.OK, observed)
                    : new Check("isolation", Status.FAIL, "NOT as configured (" + String.join("; ", problems) + "): "
                    + observed);
        } catch (RuntimeException e) {
            return new Check("isolation", Status.FAIL, "the probe sandbox failed: " + e.getMessage());
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> values = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\\S*)").matcher(text);
        while (m.find()) {
            values.putIfAbsent(m.group(1), m.group(2));
        }
        return values;
    }
}

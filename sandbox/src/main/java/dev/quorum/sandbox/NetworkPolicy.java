package dev.quorum.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The network that env-image builds get (test runs never get any). By default a build sits on an internal Docker
 * network whose only way out is Quorum's repository proxy ({@link RepositoryProxy}), which tunnels to Maven
 * Central, the repositories the poms declare and the hosts allowed here, and nothing else; the host's own proxy
 * settings are chained behind it. Host networking is the fallback for engines where containers cannot reach the
 * host ({@code QUORUM_BUILD_NETWORK=host}). Builds that download through a TLS-intercepting proxy (corporate
 * networks, some CI) need the host's CA trust store, mounted read-only.
 *
 * @param hostNetwork  build containers share the host's network instead of going through the repository proxy
 * @param trustStore   a Java trust store mounted read-only over the image's, or null
 * @param proxy        the host's proxy variables (HTTP_PROXY, HTTPS_PROXY, NO_PROXY and lower-case forms): chained
 *                     by the repository proxy, or given to Maven under host networking
 * @param allowedHosts further hosts the repository proxy reaches (QUORUM_BUILD_PROXY_ALLOW), private ones included
 */
public record NetworkPolicy(boolean hostNetwork, Path trustStore, Map<String, String> proxy,
                            Set<String> allowedHosts) {

    /** Debian's (and Ubuntu's) system Java trust store. */
    public static final Path HOST_JAVA_CACERTS = Path.of("/etc/ssl/certs/java/cacerts");
    /** Maven Central, which every build may reach. */
    static final Set<String> CENTRAL = Set.of("repo.maven.apache.org", "repo1.maven.org");

    public NetworkPolicy {
        proxy = proxy == null ? Map.of() : Map.copyOf(proxy);
        allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
        if (trustStore != null && !Files.isRegularFile(trustStore)) {
            throw new IllegalArgumentException("trust store " + trustStore + " does not exist; point"
                    + " QUORUM_TRUST_STORE at a Java cacerts file, or set QUORUM_TRUST_HOST_CA=false");
        }
    }

    /**
     * Reads the policy from the environment: {@code QUORUM_BUILD_NETWORK} ({@code proxy} (default) or
     * {@code host}), {@code QUORUM_BUILD_PROXY_ALLOW} (comma-separated further hosts), {@code QUORUM_TRUST_HOST_CA}
     * ({@code true} (default when the host store exists) or {@code false}), {@code QUORUM_TRUST_STORE} (another
     * cacerts file), and the usual proxy variables.
     */
    public static NetworkPolicy fromEnvironment(Function<String, String> env) {
        String mode = env.apply("QUORUM_BUILD_NETWORK");
        boolean host = "host".equalsIgnoreCase(mode == null ? "" : mode.strip());
        if (mode != null && !mode.isBlank() && !host && !mode.strip().equalsIgnoreCase("proxy")) {
            throw new IllegalArgumentException("QUORUM_BUILD_NETWORK must be 'proxy' (the default: an internal"
                    + " network, out only through Quorum's repository proxy) or 'host', not '" + mode + "'");
        }
        String trustFlag = env.apply("QUORUM_TRUST_HOST_CA");
        String trustPath = env.apply("QUORUM_TRUST_STORE");
        Path store = null;
        if (trustPath != null && !trustPath.isBlank()) {
            store = Path.of(trustPath);
        } else if (!"false".equalsIgnoreCase(trustFlag) && Files.isRegularFile(HOST_JAVA_CACERTS)) {
            store = HOST_JAVA_CACERTS;
        }
        Map<String, String> proxy = new LinkedHashMap<>();
        for (String name : new String[] {"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"}) {
            for (String variant : new String[] {name, name.toLowerCase(Locale.ROOT)}) {
                String value = env.apply(variant);
                if (value != null && !value.isBlank()) {
                    proxy.put(variant, value);
                }
            }
        }
        String allow = env.apply("QUORUM_BUILD_PROXY_ALLOW");
        Set<String> allowed = allow == null ? Set.of() : Arrays.stream(allow.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        return new NetworkPolicy(host, store, proxy, allowed);
    }

    public static NetworkPolicy fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** The host's HTTPS (else HTTP) proxy, for chaining; null when there is none. */
    String upstreamProxy() {
        for (String name : new String[] {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"}) {
            String value = proxy.get(name);
            if (value != null) {
                return value.contains("://") ? value : "http://" + value;
            }
        }
        return null;
    }

    /** For reports: never shows proxy credentials. */
    public String describe() {
        String trust = ", trust store " + (trustStore == null ? "image default" : trustStore + " (read-only)");
        String hostProxy = proxy.isEmpty() ? "none" : String.join(", ", proxy.keySet());
        if (hostNetwork) {
            return "env builds: host network (QUORUM_BUILD_NETWORK=host)" + trust + ", host proxy settings "
                    + hostProxy + "; test runs: no network";
        }
        Set<String> hosts = new TreeSet<>(CENTRAL);
        hosts.addAll(allowedHosts);
        return "env builds: internal network, out only through Quorum's repository proxy to " + hosts
                + " and the repositories the poms declare" + trust + ", chained host proxy " + hostProxy
                + "; test runs: no network";
    }
}

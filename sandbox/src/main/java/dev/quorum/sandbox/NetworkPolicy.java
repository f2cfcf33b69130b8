package dev.quorum.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The network that env-image builds get (test runs never get any). Builds that download dependencies through a
 * TLS-intercepting proxy (corporate networks, some CI) need the host's CA trust store; proxies configured on the
 * host are passed through.
 *
 * @param hostNetwork   build containers share the host's network (otherwise Docker's default bridge)
 * @param trustStore    a Java trust store mounted read-only over the image's, or null
 * @param proxy         proxy variables passed to builds (HTTP_PROXY, HTTPS_PROXY, NO_PROXY and lower-case forms)
 */
public record NetworkPolicy(boolean hostNetwork, Path trustStore, Map<String, String> proxy) {

    /** Debian's (and Ubuntu's) system Java trust store. */
    public static final Path HOST_JAVA_CACERTS = Path.of("/etc/ssl/certs/java/cacerts");

    public NetworkPolicy {
        proxy = proxy == null ? Map.of() : Map.copyOf(proxy);
        if (trustStore != null && !Files.isRegularFile(trustStore)) {
            throw new IllegalArgumentException("trust store " + trustStore + " does not exist; point"
                    + " QUORUM_TRUST_STORE at a Java cacerts file, or set QUORUM_TRUST_HOST_CA=false");
        }
    }

    /**
     * Reads the policy from the environment: {@code QUORUM_BUILD_NETWORK} ({@code host} (default) or
     * {@code bridge}), {@code QUORUM_TRUST_HOST_CA} ({@code true} (default when the host store exists) or
     * {@code false}), {@code QUORUM_TRUST_STORE} (another cacerts file), and the usual proxy variables.
     */
    public static NetworkPolicy fromEnvironment(Function<String, String> env) {
        boolean host = !"bridge".equalsIgnoreCase(env.apply("QUORUM_BUILD_NETWORK"));
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
            for (String variant : new String[] {name, name.toLowerCase(java.util.Locale.ROOT)}) {
                String value = env.apply(variant);
                if (value != null && !value.isBlank()) {
                    proxy.put(variant, value);
                }
            }
        }
        return new NetworkPolicy(host, store, proxy);
    }

    public static NetworkPolicy fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** For reports: never shows proxy credentials. */
    public String describe() {
        return "env builds: " + (hostNetwork ? "host network" : "bridge network")
                + ", trust store " + (trustStore == null ? "image default" : trustStore + " (read-only)")
                + ", proxy " + (proxy.isEmpty() ? "none" : "passed through (" + String.join(", ", proxy.keySet()) + ")")
                + "; test runs: no network";
    }
}

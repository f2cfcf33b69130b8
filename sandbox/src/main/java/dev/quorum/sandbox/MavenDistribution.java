package dev.quorum.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The Maven distribution that goes into the base image. Debian's Maven (3.8.7) is refused by current builds, so
 * Quorum ships 3.9.x, taken from Maven Central through the host's own Maven (so proxies and mirrors configured
 * there apply), or from a file named by {@code QUORUM_MAVEN_DIST}.
 */
record MavenDistribution(String version, Path tarball, String sha256) {
    static final String VERSION = "3.9.16";

    static MavenDistribution locate(java.util.function.Function<String, String> env) {
        String override = env.apply("QUORUM_MAVEN_DIST");
        Path tarball;
        if (override != null && !override.isBlank()) {
            tarball = Path.of(override);
            if (!Files.isRegularFile(tarball)) {
                throw new SandboxException("QUORUM_MAVEN_DIST names " + tarball + ", which does not exist");
            }
        } else {
            tarball = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "apache", "maven",
                    "apache-maven", VERSION, "apache-maven-" + VERSION + "-bin.tar.gz");
            if (!Files.isRegularFile(tarball)) {
                fetch(tarball);
            }
        }
        return new MavenDistribution(VERSION, tarball, sha256(tarball));
    }

    private static void fetch(Path expected) {
        List<String> argv = List.of("mvn", "-q", "-B", "dependency:get",
                "-Dartifact=org.apache.maven:apache-maven:" + VERSION + ":tar.gz:bin", "-Dtransitive=false");
        HostProcess.Result r;
        try {
            r = HostProcess.run(argv, null, Duration.ofMinutes(10));
        } catch (SandboxException e) {
            throw new SandboxException("the base image needs Apache Maven " + VERSION + " and it is not in "
                    + expected.getParent() + "; fetching it with the host's `mvn` failed (" + e.getMessage()
                    + "). Install Maven, or download apache-maven-" + VERSION + "-bin.tar.gz and set"
                    + " QUORUM_MAVEN_DIST to its path.");
        }
        if (r.exitCode() != 0 || !Files.isRegularFile(expected)) {
            throw new SandboxException("fetching Apache Maven " + VERSION + " with the host's `mvn` failed: "
                    + r.tail(20) + "\nDownload apache-maven-" + VERSION + "-bin.tar.gz yourself and set"
                    + " QUORUM_MAVEN_DIST to its path.");
        }
    }

    static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    digest.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new SandboxException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

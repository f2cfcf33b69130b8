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
 * A Maven distribution: the bundled one that goes into the base image (Debian's Maven 3.8.7 is refused by current
 * builds, so Quorum ships 3.9.x, or the file named by {@code QUORUM_MAVEN_DIST}), or the version a repository's
 * Maven Wrapper asks for, installed into its env image. Both are taken from Maven Central through the host's own
 * Maven, so that proxies and mirrors configured there apply.
 */
record MavenDistribution(String version, Path tarball, String sha256) {
    static final String VERSION = "3.9.16";
    private static final java.util.regex.Pattern VERSION_SHAPE =
            java.util.regex.Pattern.compile("\\d+(\\.\\d+)*(-[0-9A-Za-z.]+)*");

    static MavenDistribution locate(java.util.function.Function<String, String> env) {
        String override = env.apply("QUORUM_MAVEN_DIST");
        if (override == null || override.isBlank()) {
            return ofVersion(VERSION);
        }
        Path tarball = Path.of(override);
        if (!Files.isRegularFile(tarball)) {
            throw new SandboxException("QUORUM_MAVEN_DIST names " + tarball + ", which does not exist");
        }
        return new MavenDistribution(VERSION, tarball, sha256(tarball));
    }

    /** Apache Maven {@code version} from the local repository, fetched from Maven Central when absent. */
    static MavenDistribution ofVersion(String version) {
        if (!VERSION_SHAPE.matcher(version).matches()) {
            throw new SandboxException("'" + version + "' is not a Maven version");
        }
        Path tarball = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "apache", "maven",
                "apache-maven", version, "apache-maven-" + version + "-bin.tar.gz");
        if (!Files.isRegularFile(tarball)) {
            fetch(version, tarball);
        }
        return new MavenDistribution(version, tarball, sha256(tarball));
    }

    private static void fetch(String version, Path expected) {
        List<String> argv = List.of("mvn", "-q", "-B", "dependency:get",
                "-Dartifact=org.apache.maven:apache-maven:" + version + ":tar.gz:bin", "-Dtransitive=false");
        HostProcess.Result r;
        try {
            r = HostProcess.run(argv, null, Duration.ofMinutes(10));
        } catch (SandboxException e) {
            throw new SandboxException("Apache Maven " + version + " is not in " + expected.getParent()
                    + "; fetching it with the host's `mvn` failed (" + e.getMessage() + "). Install Maven, or"
                    + " download apache-maven-" + version + "-bin.tar.gz into that directory (for the bundled"
                    + " Maven: set QUORUM_MAVEN_DIST to its path).");
        }
        if (r.exitCode() != 0 || !Files.isRegularFile(expected)) {
            throw new SandboxException("fetching Apache Maven " + version + " with the host's `mvn` failed: "
                    + r.tail(20) + "\nDownload apache-maven-" + version + "-bin.tar.gz into " + expected.getParent()
                    + " yourself (for the bundled Maven: set QUORUM_MAVEN_DIST to its path).");
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

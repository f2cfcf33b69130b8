package dev.quorum.sandbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JDKs a base image can carry and where each comes from: Debian's own package (offline-friendly, by
 * debootstrap from the host's mirror) or, where a registry is reachable, an image. JDK 8 is in no current Debian
 * release, so it needs a registry ({@code eclipse-temurin:8}).
 *
 * @param feature       the Java feature version
 * @param debianSuite   the Debian release carrying it as {@code openjdk-N-jdk-headless}, or null
 * @param registryImage the image a Dockerfile build starts from
 * @param javaBin       where the image's {@code java} lives, for PATH
 * @param oldestSource  the oldest {@code -source}/{@code --release} its javac still compiles
 */
enum JdkRelease {
    JDK_8(8, null, "eclipse-temurin:8-jdk-jammy", "/opt/java/openjdk/bin", 3),
    JDK_11(11, "bullseye", "debian:bullseye-slim", null, 6),
    JDK_17(17, "bookworm", "debian:bookworm-slim", null, 7),
    JDK_21(21, "trixie", "debian:trixie-slim", null, 8);

    static final JdkRelease DEFAULT = JDK_17;

    final int feature;
    final String debianSuite;
    final String registryImage;
    final String javaBin;
    final int oldestSource;

    JdkRelease(int feature, String debianSuite, String registryImage, String javaBin, int oldestSource) {
        this.feature = feature;
        this.debianSuite = debianSuite;
        this.registryImage = registryImage;
        this.javaBin = javaBin;
        this.oldestSource = oldestSource;
    }

    static Optional<JdkRelease> of(int feature) {
        return Arrays.stream(values()).filter(j -> j.feature == feature).findFirst();
    }

    /** Debian's JDK package, or null when the JDK comes with the registry image. */
    String debianPackage() {
        return debianSuite == null ? null : "openjdk-" + feature + "-jdk-headless";
    }

    boolean obtainableWithoutRegistry() {
        return debianSuite != null;
    }

    /** Can this JDK's javac compile sources written for {@code level} (6 for "1.6")? */
    boolean compiles(int level) {
        return level >= oldestSource && level <= feature;
    }
}

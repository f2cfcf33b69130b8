package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/quorum}'s rebuild rule, by file timestamps, on a copy of the launcher in a small project tree. The
 * {@code mvn} on its PATH is a script that logs each call and "builds" a jar whose main class is {@link
 * LauncherProbe}, so a test sees exactly when the launcher decides to build and that it runs what it built.
 */
class LauncherTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path tmp;

    private Path root;
    private Path mvnCalls;

    @BeforeEach
    void projectTree() throws IOException {
        root = tmp.resolve("quorum");
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(PROJECT.resolve("bin/quorum"), root.resolve("bin/quorum"));
        Files.copy(PROJECT.resolve("scripts/lib.sh"), root.resolve("scripts/lib.sh"));
        write("pom.xml", "<project><modules>\n    <module>core</module>\n    <module>app</module>\n</modules></project>\n");
        for (String module : List.of("core", "app")) {
            write(module + "/pom.xml", "<project/>\n");
            write(module + "/src/main/java/Source.java", "class Source {}\n");
        }
        Path probeJar = tmp.resolve("probe.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        Path classes = Path.of(LauncherProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(probeJar), manifest)) {
            out.flush();
        }
        mvnCalls = tmp.resolve("mvn-calls.log");
        Path mvn = tmp.resolve("tools/mvn");
        Files.createDirectories(mvn.getParent());
        Files.writeString(mvn, "#!/bin/sh\necho \"$*\" >> '" + mvnCalls + "'\nmkdir -p app/target\n"
                + "cp '" + probeJar + "' app/target/quorum.jar\n");
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
    }

    @Test
    void rebuildsForQuorumSourcesOnlyNeverForCheckoutsUnderRuns() throws Exception {
        assertThat(quorum().stdout).isEqualTo("probe ran");
        assertThat(builds()).as("the first run builds").isEqualTo(1);
        assertThat(quorum().stdout).isEqualTo("probe ran");
        assertThat(builds()).as("nothing changed").isEqualTo(1);

        touchInTheFuture(write("runs/x/checkout/src/main/java/Foo.java", "class Foo {}\n"));
        touchInTheFuture(write("runs/x/checkout/pom.xml", "<project/>\n"));
        touchInTheFuture(write("work/other-repo/core/src/main/java/Bar.java", "class Bar {}\n"));
        assertThat(quorum().stdout).isEqualTo("probe ran");
        assertThat(builds()).as("a checkout under runs/ is not a Quorum source").isEqualTo(1);

        touchInTheFuture(root.resolve("core/src/main/java/Source.java"));
        Run rebuilt = quorum();
        assertThat(rebuilt.stdout).isEqualTo("probe ran");
        assertThat(rebuilt.stderr).contains("building the quorum jar");
        assertThat(builds()).as("a module source changed").isEqualTo(2);
    }

    @Test
    void neverRebuildsWhileAnotherQuorumRuns() throws Exception {
        quorum();
        Process running = start("hold");
        assertThat(new String(running.getInputStream().readNBytes("probe ran".length()), StandardCharsets.UTF_8))
                .isEqualTo("probe ran");
        try {
            touchInTheFuture(root.resolve("app/pom.xml"));
            Run meanwhile = quorum();
            assertThat(meanwhile.stdout).isEqualTo("probe ran");
            assertThat(meanwhile.stderr).contains("another quorum process is running");
            assertThat(builds()).isEqualTo(1);
        } finally {
            running.getOutputStream().close();
            assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        quorum();
        assertThat(builds()).as("rebuilt once the other quorum ended").isEqualTo(2);
    }

    private record Run(String stdout, String stderr) {
    }

    private Run quorum() throws Exception {
        Process p = start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return new Run(out, err);
    }

    private Process start(String... args) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of("bash", root.resolve("bin/quorum").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(root.toFile());
        builder.environment().put("PATH", tmp.resolve("tools") + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private long builds() throws IOException {
        return Files.exists(mvnCalls) ? Files.readAllLines(mvnCalls).size() : 0;
    }

    private Path write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static void touchInTheFuture(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plus(1, ChronoUnit.HOURS)));
    }
}

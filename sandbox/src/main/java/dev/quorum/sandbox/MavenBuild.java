package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How Quorum drives Maven: the flags that skip plugins unrelated to tests, and the targeted test selection.
 */
final class MavenBuild {
    /**
     * Plugins real repositories carry that have nothing to do with running tests (license headers, API
     * compatibility, style, static analysis, coverage, signing). Each is skipped by its documented property.
     * Error Prone is not among them: it runs inside javac ({@code -Xplugin:ErrorProne} in the compiler's
     * arguments), no property turns it off, and a candidate must compile as the repository's own build does.
     */
    static final List<String> SKIP_FLAGS = List.of(
            "-Drat.skip=true", "-Dcheckstyle.skip=true", "-Dspotbugs.skip=true", "-Denforcer.skip=true",
            "-Djacoco.skip=true", "-Danimal.sniffer.skip=true", "-Djapicmp.skip=true", "-Dmoditect.skip=true",
            "-Dspotless.check.skip=true", "-Dspotless.apply.skip=true", "-Dlicense.skip=true", "-Dgpg.skip=true",
            "-Dmaven.javadoc.skip=true", "-Dpmd.skip=true", "-Dcpd.skip=true", "-Dbnd.skip=true",
            "-Dmaven.source.skip=true", "-Drevapi.skip=true", "-Dclirr.skip=true", "-Dforbiddenapis.skip=true",
            "-Dsortpom.skip=true", "-Dformatter.skip=true", "-Dimpsort.skip=true");

    /** Where a module's sources, resources and build output live: never part of the layout an env build sees. */
    private static final Pattern SOURCES_OR_OUTPUT = Pattern.compile("(^|/)(src/main|src/test|target)/");

    private MavenBuild() {
    }

    /** Detects the build tool at the repository root; Gradle gets a clear "not yet" instead of a crash. */
    static void requireMaven(Path repo, BuildHints hints) {
        if (hints.tool() != null && !hints.tool().equalsIgnoreCase("maven")) {
            throw new UnsupportedBuildException("the task says the build tool is '" + hints.tool()
                    + "'; Quorum supports Maven only so far (Gradle is planned)");
        }
        if (Files.isRegularFile(repo.resolve("pom.xml"))) {
            return;
        }
        if (Files.exists(repo.resolve("build.gradle")) || Files.exists(repo.resolve("build.gradle.kts"))
                || Files.exists(repo.resolve("settings.gradle")) || Files.exists(repo.resolve("settings.gradle.kts"))) {
            throw new UnsupportedBuildException("this is a Gradle project (" + repo
                    + "); Quorum supports Maven only so far (Gradle is planned)");
        }
        throw new UnsupportedBuildException("no pom.xml at the root of " + repo + ": not a Maven project");
    }

    /**
     * The build files that decide an env image: every pom.xml, the Maven wrapper and .mvn settings. Sorted so
     * the hash does not depend on file system order.
     */
    static Map<String, byte[]> buildFiles(Path repo) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(repo)) {
            TreeSet<String> names = new TreeSet<>();
            walk.filter(Files::isRegularFile).forEach(p -> {
                String rel = repo.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".git/") || rel.contains("/target/") || rel.startsWith("target/")) {
                    return;
                }
                if (rel.equals("pom.xml") || rel.endsWith("/pom.xml") || rel.startsWith(".mvn/")
                        || rel.equals("mvnw")) {
                    names.add(rel);
                }
            });
            for (String name : names) {
                files.put(name, Files.readAllBytes(repo.resolve(name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build files of " + repo, e);
        }
        return files;
    }

    /**
     * The repository's other files outside its sources (site resources, configuration, notes), by name only.
     * Maven activates profiles by a file's existence (commons-parent binds JaCoCo to the test lifecycle when
     * {@code src/site/resources/profile.jacoco} exists), so an env build that resolves only from the build
     * files must see these names to fetch what such profiles bind; their contents never matter there.
     */
    static List<String> layoutMarkers(Path repo) {
        Map<String, byte[]> build = buildFiles(repo);
        try (Stream<Path> walk = Files.walk(repo)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> repo.relativize(p).toString().replace('\\', '/'))
                    .filter(rel -> !rel.startsWith(".git/") && !rel.equals(".git") && !build.containsKey(rel)
                            && !rel.endsWith(".java") && !SOURCES_OR_OUTPUT.matcher(rel).find())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + repo, e);
        }
    }

    /** Directories (relative to the repository, "" for the root) that hold a pom.xml. */
    static List<String> moduleDirs(Path repo) {
        List<String> dirs = new ArrayList<>();
        for (String file : buildFiles(repo).keySet()) {
            if (file.equals("pom.xml")) {
                dirs.add("");
            } else if (file.endsWith("/pom.xml") && !file.startsWith(".mvn/")) {
                dirs.add(file.substring(0, file.length() - "/pom.xml".length()));
            }
        }
        return dirs;
    }

    /** The Maven test filter for a set of test ids: {@code Foo#a+b,Bar}. */
    static String testFilter(List<TestId> tests) {
        Map<String, TreeSet<String>> byClass = new LinkedHashMap<>();
        List<String> wholeClasses = new ArrayList<>();
        for (TestId t : tests) {
            // Surefire matches nested classes by the top-level class's pattern; ask for the outer class.
            String cls = t.className().contains("$") ? t.topLevelClass() : t.className();
            if (t.isWholeClass() || t.className().contains("$")) {
                wholeClasses.add(cls);
            } else {
                byClass.computeIfAbsent(cls, k -> new TreeSet<>()).add(t.baseMethod());
            }
        }
        List<String> parts = new ArrayList<>();
        for (String cls : new TreeSet<>(wholeClasses)) {
            parts.add(cls);
            byClass.remove(cls);
        }
        byClass.forEach((cls, methods) -> parts.add(cls + "#" + String.join("+", methods)));
        return String.join(",", parts);
    }

    /**
     * The test command. Always {@code mvn}, never the repository's {@code mvnw}: the env image puts the wrapper's
     * Maven version first on PATH, so the script (repository code that downloads) never runs.
     */
    static List<String> testCommand(List<TestId> tests, BuildHints hints, boolean offline) {
        List<String> argv = new ArrayList<>(List.of("mvn", "-B", "-e", "-V"));
        if (offline) {
            argv.add("-o");
        }
        argv.addAll(List.of("-Dtest=" + testFilter(tests), "-Dsurefire.failIfNoSpecifiedTests=false",
                "-DfailIfNoTests=false", "-Dmaven.test.failure.ignore=true", "-DtrimStackTrace=false",
                "-Dstyle.color=never"));
        argv.addAll(SKIP_FLAGS);
        if (hints.module() != null && !hints.module().isBlank()) {
            argv.addAll(List.of("-pl", hints.module(), "-am"));
        }
        argv.addAll(hints.flags());
        argv.add("test");
        return argv;
    }
}

package dev.quorum.testgen;

import dev.quorum.core.BuildHints;
import dev.quorum.localization.Localization;
import dev.quorum.localization.RankedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the repository writes tests where the code lives: the module holding the localized code, the test
 * framework that module runs, and one of its own test classes as an example for the model. A JUnit 5 test in a
 * JUnit 4 module compiles but never runs (Surefire picks the JUnit 4 provider), and a test under the root of a
 * multi-module build is not compiled at all: both cost every reproduction test before this existed.
 *
 * @param module    the module directory relative to the root ("" for a single-module build)
 * @param framework what new tests must be written in
 * @param example   an existing test class of that module in that framework (cut), or "" when it has none
 * @param why       how the framework was found, for the record
 */
record TestStyle(String module, Framework framework, String example, String why) {
    private static final String TEST_ROOT = "src/test/java/";
    private static final String MAIN_ROOT = "src/main/java/";
    private static final int EXAMPLE_LINES = 60;

    enum Framework {
        JUNIT4("JUnit 4", "org.junit.Test and static imports from org.junit.Assert; a public class with public void"
                + " @Test methods. Do not use org.junit.jupiter."),
        JUNIT5("JUnit 5", "org.junit.jupiter.api.Test and static imports from org.junit.jupiter.api.Assertions."),
        TESTNG("TestNG", "org.testng.annotations.Test and static imports from org.testng.Assert.");

        final String label;
        final String imports;

        Framework(String label, String imports) {
            this.label = label;
            this.imports = imports;
        }
    }

    /** The style of the module that holds the best-ranked main code (or the module the build hints name). */
    static TestStyle detect(Path checkout, Localization localization, BuildHints build) {
        String module = build.module() != null && !build.module().isBlank() ? build.module().replaceAll("/+$", "")
                : moduleOf(localization);
        Path moduleDir = module.isEmpty() ? checkout : checkout.resolve(module);
        List<Path> tests = testSources(moduleDir);
        Map<Framework, Integer> used = new EnumMap<>(Framework.class);
        for (Path t : tests) {
            frameworkOf(read(t)).ifPresent(f -> used.merge(f, 1, Integer::sum));
        }
        String poms = read(moduleDir.resolve("pom.xml")) + read(checkout.resolve("pom.xml"));
        List<Framework> available = available(poms);
        Framework chosen;
        String why;
        Optional<Framework> mostUsed = used.entrySet().stream().filter(e -> available.isEmpty() || available.contains(e.getKey()))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        if (mostUsed.isPresent()) {
            chosen = mostUsed.get();
            why = used.get(chosen) + " of the module's test classes use " + chosen.label;
        } else if (!available.isEmpty()) {
            chosen = available.getFirst();
            why = "the build declares " + chosen.label;
        } else {
            chosen = Framework.JUNIT5;
            why = "neither the build nor existing tests name a framework; JUnit 5 assumed";
        }
        String example = tests.stream().filter(t -> frameworkOf(read(t)).orElse(null) == chosen)
                .sorted(Comparator.comparing((Path t) -> !isTestOf(t, localization)).thenComparing(TestStyle::size))
                .findFirst().map(t -> cut(read(t))).orElse("");
        return new TestStyle(module, chosen, example, why);
    }

    /** The directory before {@code src/main/java/} of the best-ranked main source file. */
    static String moduleOf(Localization localization) {
        if (localization == null) {
            return "";
        }
        return localization.files().stream().filter(f -> !f.test() && f.path().contains(MAIN_ROOT))
                .map(RankedFile::path).findFirst()
                .map(p -> p.substring(0, p.indexOf(MAIN_ROOT)).replaceAll("/+$", "")).orElse("");
    }

    /** The frameworks a module's build puts on the test classpath (the module's pom and the root pom, as text). */
    static List<Framework> available(String poms) {
        List<Framework> out = new java.util.ArrayList<>();
        boolean jupiter = poms.contains("junit-jupiter") || poms.contains("junit-bom");
        boolean junit4 = poms.contains("<artifactId>junit</artifactId>") || poms.contains("junit-vintage-engine");
        if (jupiter) {
            out.add(Framework.JUNIT5);
        }
        if (junit4) {
            out.add(Framework.JUNIT4);
        }
        if (poms.contains("<artifactId>testng</artifactId>")) {
            out.add(Framework.TESTNG);
        }
        return out;
    }

    static Optional<Framework> frameworkOf(String source) {
        if (source.contains("org.junit.jupiter")) {
            return Optional.of(Framework.JUNIT5);
        }
        if (source.contains("org.testng")) {
            return Optional.of(Framework.TESTNG);
        }
        if (source.contains("import org.junit.") || source.contains("import static org.junit.") || source.contains("junit.framework")) {
            return Optional.of(Framework.JUNIT4);
        }
        return Optional.empty();
    }

    private static boolean isTestOf(Path test, Localization localization) {
        String name = test.getFileName().toString().replace(".java", "");
        return localization != null && localization.files().stream().filter(f -> !f.test())
                .map(f -> f.path().substring(f.path().lastIndexOf('/') + 1).replace(".java", ""))
                .anyMatch(main -> name.equals(main + "Test") || name.equals("Test" + main) || name.equals(main + "Tests"));
    }

    private static List<Path> testSources(Path moduleDir) {
        Path root = moduleDir.resolve(TEST_ROOT);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the tests under " + root, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException | java.io.UncheckedIOException e) {
            return ""; // not UTF-8 text: no help as an example
        }
    }

    private static String cut(String source) {
        List<String> lines = source.lines().toList();
        return lines.size() <= EXAMPLE_LINES ? source
                : String.join("\n", lines.subList(0, EXAMPLE_LINES)) + "\n    // ... (cut)\n";
    }
}

package dev.quorum.testgen;

import dev.quorum.core.TestId;
import dev.quorum.localization.Localization;
import dev.quorum.localization.RankedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chooses the existing tests that exercise the localized classes, most direct first: tests named after a
 * localized class ({@code FooTest}, {@code FooTests}, {@code TestFoo}, {@code FooIT}), tests localization itself
 * ranked, then tests whose source mentions a localized class.
 */
final class RegressionSelector {
    private static final int MAIN_FILES = 5;

    private RegressionSelector() {
    }

    /** As below, the tests of {@code module} (the one holding the localized code) first. */
    static List<TestId> select(Path checkout, Localization localization, int max, String module) {
        Path moduleDir = module == null || module.isEmpty() ? checkout : checkout.resolve(module);
        List<TestId> all = select(checkout, localization, Integer.MAX_VALUE);
        List<TestId> inModule = new ArrayList<>();
        List<TestId> elsewhere = new ArrayList<>();
        for (TestId t : all) {
            boolean here = Files.exists(moduleDir.resolve("src/test/java/" + t.topLevelClass().replace('.', '/') + ".java"));
            (here ? inModule : elsewhere).add(t);
        }
        inModule.addAll(elsewhere);
        return inModule.stream().limit(max).toList();
    }

    static List<TestId> select(Path checkout, Localization localization, int max) {
        List<String> mainClasses = localization.files().stream().filter(f -> !f.test() && f.path().endsWith(".java"))
                .limit(MAIN_FILES).map(f -> simpleName(f.path())).toList();
        List<Path> testFiles = testSources(checkout);
        Set<String> named = new LinkedHashSet<>();
        Set<String> ranked = new LinkedHashSet<>();
        Set<String> mentioning = new LinkedHashSet<>();
        for (String main : mainClasses) {
            for (Path file : testFiles) {
                String name = simpleName(file.toString());
                if (name.equals(main + "Test") || name.equals(main + "Tests") || name.equals("Test" + main)
                        || name.equals(main + "IT") || name.equals(main + "TestCase")) {
                    named.add(className(checkout, file));
                }
            }
        }
        for (RankedFile f : localization.files()) {
            if (f.test() && f.path().contains("src/test/java/") && f.path().endsWith(".java")) {
                ranked.add(className(checkout, checkout.resolve(f.path())));
            }
        }
        if (!mainClasses.isEmpty()) {
            Pattern mention = Pattern.compile("\\b(" + String.join("|", mainClasses.stream().map(Pattern::quote).toList()) + ")\\b");
            for (Path file : testFiles) {
                try {
                    if (mention.matcher(Files.readString(file, StandardCharsets.UTF_8)).find()) {
                        mentioning.add(className(checkout, file));
                    }
                } catch (IOException notText) {
                    // A test source that is not UTF-8 text cannot be matched; it is simply not chosen.
                }
            }
        }
        Set<String> all = new LinkedHashSet<>(named);
        all.addAll(ranked);
        all.addAll(mentioning);
        return all.stream().filter(c -> !c.isEmpty()).limit(max).map(TestId::ofClass).toList();
    }

    private static List<Path> testSources(Path checkout) {
        try (Stream<Path> files = Files.walk(checkout)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> checkout.relativize(p).toString().replace('\\', '/').contains("src/test/java/"))
                    .filter(p -> !checkout.relativize(p).toString().contains("/target/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the test sources of " + checkout, e);
        }
    }

    private static String simpleName(String path) {
        String name = path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
        return name.endsWith(".java") ? name.substring(0, name.length() - 5) : name;
    }

    private static String className(Path checkout, Path file) {
        String rel = checkout.relativize(file).toString().replace('\\', '/');
        int root = rel.indexOf("src/test/java/");
        return root < 0 ? "" : rel.substring(root + "src/test/java/".length(), rel.length() - ".java".length()).replace('/', '.');
    }
}

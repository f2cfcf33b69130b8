package dev.quorum.app;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A generated repository with one one-token bug per leading fix-template family, each in its own class with a
 * failing test, passing tests beside it, and a held-out test kept out of the repository; plus one bug no template
 * fixes. The build file is the strkit fixture's (JUnit 5), so its env image is shared with that fixture.
 */
final class BuggyRepo {
    static final String PKG = "src/main/java/com/acme/calc/";
    static final String TESTS = "src/test/java/com/acme/calc/";

    /** One bug: where it is, the test that shows it, and a held-out test a correct fix passes. */
    record Bug(String family, String file, int line, String failingTest, String heldOutClass, String heldOut) {
    }

    static final Bug WRONG_OPERATOR = new Bug("operator-mutation", PKG + "Totals.java", 5,
            "com.acme.calc.TotalsTest#addsTwoNumbers", "TotalsHeldOutTest", """
            @Test void adds() { assertEquals(14, Totals.add(10, 4)); assertEquals(-1, Totals.add(-3, 2)); }
            """);
    static final Bug MISSING_NULL_CHECK = new Bug("null-check-insertion", PKG + "Names.java", 5,
            "com.acme.calc.NamesTest#nullHasNoLength", "NamesHeldOutTest", """
            @Test void lengths() { assertEquals(0, Names.trimmedLength(null)); assertEquals(3, Names.trimmedLength(" abc ")); }
            """);
    static final Bug WRONG_VARIABLE = new Bug("variable-replacement", PKG + "Ranges.java", 9,
            "com.acme.calc.RangesTest#clampsAboveTheRange", "RangesHeldOutTest", """
            @Test void clamps() { assertEquals(7, Ranges.clamp(99, 1, 7)); assertEquals(1, Ranges.clamp(-4, 1, 7)); }
            """);
    static final Bug WRONG_METHOD = new Bug("method-invocation-mutation", PKG + "Words.java", 5,
            "com.acme.calc.WordsTest#lastOfSeveral", "WordsHeldOutTest", """
            @Test void last() { assertEquals("z", Words.last("x y z")); assertEquals("solo", Words.last("solo")); }
            """);
    static final Bug OFF_BY_ONE = new Bug("off-by-one", PKG + "Prefixes.java", 5,
            "com.acme.calc.PrefixesTest#includesTheIndex", "PrefixesHeldOutTest", """
            @Test void through() { assertEquals("ab", Prefixes.through("abc", 1)); assertEquals("x", Prefixes.through("xyz", 0)); }
            """);
    static final Bug NO_TEMPLATE = new Bug("none", PKG + "Greeting.java", 5,
            "com.acme.calc.GreetingTest#greetsWithPunctuation", "GreetingHeldOutTest", "");

    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry(PKG + "Totals.java", """
                    package com.acme.calc;

                    public final class Totals {
                        public static int add(int a, int b) {
                            return a - b;
                        }

                        public static int twice(int a) {
                            return a * 2;
                        }
                    }
                    """),
            Map.entry(TESTS + "TotalsTest.java", test("TotalsTest", """
                    @Test void addsTwoNumbers() { assertEquals(5, Totals.add(2, 3)); }
                    @Test void doubles() { assertEquals(8, Totals.twice(4)); }
                    """)),
            Map.entry(PKG + "Names.java", """
                    package com.acme.calc;

                    public final class Names {
                        public static int trimmedLength(String s) {
                            return s.trim().length();
                        }

                        public static String upper(String s) {
                            return s.toUpperCase();
                        }
                    }
                    """),
            Map.entry(TESTS + "NamesTest.java", test("NamesTest", """
                    @Test void nullHasNoLength() { assertEquals(0, Names.trimmedLength(null)); }
                    @Test void trimsBeforeCounting() { assertEquals(2, Names.trimmedLength(" ab ")); }
                    @Test void uppercases() { assertEquals("AB", Names.upper("ab")); }
                    """)),
            Map.entry(PKG + "Ranges.java", """
                    package com.acme.calc;

                    public final class Ranges {
                        public static int clamp(int value, int low, int high) {
                            if (value < low) {
                                return low;
                            }
                            if (value > high) {
                                return low;
                            }
                            return value;
                        }
                    }
                    """),
            Map.entry(TESTS + "RangesTest.java", test("RangesTest", """
                    @Test void clampsAboveTheRange() { assertEquals(10, Ranges.clamp(15, 0, 10)); }
                    @Test void clampsBelowTheRange() { assertEquals(0, Ranges.clamp(-5, 0, 10)); }
                    @Test void keepsValuesInside() { assertEquals(5, Ranges.clamp(5, 0, 10)); }
                    """)),
            Map.entry(PKG + "Words.java", """
                    package com.acme.calc;

                    public final class Words {
                        public static String last(String s) {
                            return s.substring(s.indexOf(' ') + 1);
                        }

                        public static int count(String s) {
                            return s.isBlank() ? 0 : s.strip().split("\\\\s+").length;
                        }
                    }
                    """),
            Map.entry(TESTS + "WordsTest.java", test("WordsTest", """
                    @Test void lastOfSeveral() { assertEquals("c", Words.last("a b c")); }
                    @Test void lastOfOne() { assertEquals("word", Words.last("word")); }
                    @Test void counts() { assertEquals(3, Words.count(" a b  c ")); }
                    """)),
            Map.entry(PKG + "Prefixes.java", """
                    package com.acme.calc;

                    public final class Prefixes {
                        public static String through(String s, int index) {
                            return s.substring(0, index);
                        }

                        public static boolean startsWithDigit(String s) {
                            return !s.isEmpty() && Character.isDigit(s.charAt(0));
                        }
                    }
                    """),
            Map.entry(TESTS + "PrefixesTest.java", test("PrefixesTest", """
                    @Test void includesTheIndex() { assertEquals("abc", Prefixes.through("abcd", 2)); }
                    @Test void digits() { assertTrue(Prefixes.startsWithDigit("1a")); assertFalse(Prefixes.startsWithDigit("")); }
                    """)),
            Map.entry(PKG + "Greeting.java", """
                    package com.acme.calc;

                    public final class Greeting {
                        public static String hello(String name) {
                            return "Hello " + name;
                        }
                    }
                    """),
            Map.entry(TESTS + "GreetingTest.java", test("GreetingTest", """
                    @Test void greetsWithPunctuation() { assertEquals("Hello, Bo!", Greeting.hello("Bo")); }
                    """)));

    private BuggyRepo() {
    }

    /** Writes and commits the repository; returns its directory. */
    static Path create(Path dir) throws IOException, GitAPIException {
        Files.createDirectories(dir);
        try (InputStream pom = BuggyRepo.class.getResourceAsStream("/fixtures/strkit/base/pom.xml")) {
            if (pom == null) {
                throw new IllegalStateException("the strkit fixture's pom.xml is not on the test class path");
            }
            Files.write(dir.resolve("pom.xml"), pom.readAllBytes());
        }
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("calc 1.0 with six bugs").setAuthor("Dev", "dev@example.com")
                    .setCommitter("Dev", "dev@example.com").setSign(false).call();
        }
        return dir;
    }

    /**
     * The bug's held-out test, never seen by the repair engine or the pool, run with Maven on the repository with
     * {@code patch} applied; null when it did not run.
     */
    static TestStatus heldOutOutcome(Path repo, Patch patch, Bug bug) {
        try (Sandbox sandbox = DockerTestEnvironment.get().sandboxWith(repo, BuildHints.none())) {
            if (!sandbox.applyPatch(patch, "").applied()) {
                throw new IllegalStateException("the patch does not apply to " + repo + ":\n" + patch.text());
            }
            sandbox.writeFile(TESTS + bug.heldOutClass() + ".java",
                    test(bug.heldOutClass(), bug.heldOut()).getBytes(StandardCharsets.UTF_8));
            TestId heldOut = TestId.ofClass("com.acme.calc." + bug.heldOutClass());
            TestRunResult run = TestRunner.maven().run(sandbox, "", List.of(heldOut), BuildHints.none(),
                    Duration.ofMinutes(5));
            if (!(run instanceof TestRunResult.Ran ran)) {
                throw new IllegalStateException("the held-out test did not run: " + run.log().text());
            }
            return ran.requested().get(heldOut);
        }
    }

    /** A JUnit 5 test class of the package with the given methods. */
    static String test(String name, String methods) {
        return "package com.acme.calc;\n\nimport static org.junit.jupiter.api.Assertions.*;\n\n"
                + "import org.junit.jupiter.api.Test;\n\nclass " + name + " {\n" + methods.indent(4) + "}\n";
    }
}

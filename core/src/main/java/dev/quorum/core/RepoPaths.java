package dev.quorum.core;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a path in a repository is, for the rules that must agree everywhere (grading resets test sources to the
 * base commit and flags build changes). Paths are relative to the repository root, with {@code /} separators.
 */
public final class RepoPaths {
    /** {@code src/test}, {@code src/it} and Gradle's {@code src/testFixtures}, of the root or of any module. */
    private static final Pattern TEST_SOURCE = Pattern.compile("(^|.*/)src/(test|it|testFixtures)(/.*)?");
    /** Maven and Gradle build definitions and wrappers: changing them changes what a test run means. */
    private static final Pattern BUILD_FILE = Pattern.compile("(^|.*/)(pom\\.xml|\\.mvn(/.*)?|mvnw(\\..*)?"
            + "|build\\.gradle(\\.kts)?|settings\\.gradle(\\.kts)?|gradle\\.properties|gradlew(\\..*)?"
            + "|gradle/wrapper(/.*)?)");

    /** A Java file under a test source root: group 1 is its path below {@code java/}, without {@code .java}. */
    private static final Pattern TEST_JAVA_FILE = Pattern.compile("(?:^|.*/)src/(?:test|it|testFixtures)/java/(.+)\\.java");

    private RepoPaths() {
    }

    /**
     * The test class a Java file under a test source root declares, when its name is one Surefire or Failsafe runs
     * by default ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}, {@code *IT}); helpers are not
     * tests.
     */
    public static Optional<TestId> testClassOf(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher m = TEST_JAVA_FILE.matcher(normalize(path));
        if (!m.matches()) {
            return Optional.empty();
        }
        String qualified = m.group(1).replace('/', '.');
        String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
        return isTestClassName(simple) ? Optional.of(TestId.ofClass(qualified)) : Optional.empty();
    }

    /** Whether a simple class name is one Surefire or Failsafe runs by default. */
    public static boolean isTestClassName(String simpleName) {
        return simpleName.startsWith("Test") || testedClassName(simpleName).isPresent();
    }

    /** {@code FooTest}, {@code FooTests}, {@code FooIT}, {@code FooTestCase}, {@code TestFoo} name {@code Foo}. */
    public static Optional<String> testedClassName(String testClass) {
        for (String suffix : new String[] {"TestCase", "Tests", "Test", "IT"}) {
            if (testClass.endsWith(suffix) && testClass.length() > suffix.length()) {
                return Optional.of(testClass.substring(0, testClass.length() - suffix.length()));
            }
        }
        if (testClass.startsWith("Test") && testClass.length() > 4 && Character.isUpperCase(testClass.charAt(4))) {
            return Optional.of(testClass.substring(4));
        }
        return Optional.empty();
    }

    /**
     * Where a main source file's tests conventionally live: {@code a/src/main/java/p/Foo.java} gives
     * {@code a/src/test/java/p/FooTest.java}, {@code ...FooTests.java} and {@code ...TestFoo.java}; empty for a path
     * that is not under {@code src/main/java}.
     */
    public static List<String> conventionalTestSources(String mainPath) {
        String p = normalize(mainPath);
        int root = p.lastIndexOf("src/main/java/");
        if (root < 0 || !p.endsWith(".java")) {
            return List.of();
        }
        String module = p.substring(0, root);
        String relative = p.substring(root + "src/main/java/".length(), p.length() - ".java".length());
        int slash = relative.lastIndexOf('/');
        String dir = slash < 0 ? "" : relative.substring(0, slash + 1);
        String simple = relative.substring(slash + 1);
        String testRoot = module + "src/test/java/" + dir;
        return List.of(testRoot + simple + "Test.java", testRoot + simple + "Tests.java",
                testRoot + "Test" + simple + ".java");
    }

    public static boolean isTestSource(String path) {
        return path != null && TEST_SOURCE.matcher(normalize(path)).matches();
    }

    public static boolean isBuildFile(String path) {
        return BUILD_FILE.matcher(normalize(path)).matches();
    }

    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }
}

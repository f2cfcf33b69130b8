package dev.quorum.core;

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

    private RepoPaths() {
    }

    public static boolean isTestSource(String path) {
        return TEST_SOURCE.matcher(normalize(path)).matches();
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

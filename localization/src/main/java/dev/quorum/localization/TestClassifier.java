package dev.quorum.localization;

import dev.quorum.core.RepoPaths;

/**
 * Tells test code from main code for ranking. The repository rule is {@link RepoPaths}; ranking also treats code
 * in a {@code test}/{@code tests} directory or named like a test class as test code, since a layout that is not
 * Maven's or Gradle's still keeps its tests there.
 */
final class TestClassifier {

    private TestClassifier() {
    }

    static boolean isTestPath(String path) {
        if (RepoPaths.isTestSource(path) || RepoPaths.testClassOf(path).isPresent()) {
            return true;
        }
        String p = "/" + path;
        if (p.contains("/src/integrationTest/") || p.contains("/test/") || p.contains("/tests/")) {
            return true;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.endsWith(".java") && RepoPaths.testedClassName(name.substring(0, name.length() - 5)).isPresent();
    }
}

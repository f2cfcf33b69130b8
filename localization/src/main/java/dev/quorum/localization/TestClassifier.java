package dev.quorum.localization;

import java.util.Optional;

/** Tells test code from main code by the conventions Maven and Gradle projects follow. */
final class TestClassifier {

    private TestClassifier() {
    }

    static boolean isTestPath(String path) {
        String p = "/" + path;
        if (p.contains("/src/test/") || p.contains("/src/testFixtures/") || p.contains("/src/it/")
                || p.contains("/src/integrationTest/") || p.contains("/test/") || p.contains("/tests/")) {
            return true;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.endsWith(".java") && testedClassName(name.substring(0, name.length() - 5)).isPresent();
    }

    /** {@code FooTest}, {@code FooTests}, {@code FooIT}, {@code FooTestCase}, {@code TestFoo} name {@code Foo}. */
    static Optional<String> testedClassName(String testClass) {
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
}

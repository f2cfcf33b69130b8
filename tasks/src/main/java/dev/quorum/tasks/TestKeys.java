package dev.quorum.tasks;

import dev.quorum.core.TestId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the test names Multi-SWE-bench's log parsers record into test ids. They come in several shapes:
 * <ul>
 *   <li>Surefire summary lines: {@code com.acme.FooTest} (a whole class)</li>
 *   <li>Gradle console lines: {@code com.acme.FooTest > bar() } or {@code com.acme.FooTest > bar(int) > [1] 5}</li>
 *   <li>JUnit 4 descriptions: {@code bar(com.acme.FooTest)}</li>
 *   <li>ids already in our form: {@code com.acme.FooTest#bar}, or dotted {@code com.acme.FooTest.bar}</li>
 *   <li>any of these qualified by the Maven module that ran it, as SWE-bench-java and Multi-SWE-bench's Maven
 *       parsers write them: {@code gson:com.google.gson.stream.JsonWriterTest}</li>
 *   <li>build steps that are not tests at all: Gradle task names such as {@code compileJava} or {@code :core:test}</li>
 * </ul>
 * A parameterized invocation becomes its bare method, which covers all invocations when the tests are run.
 */
final class TestKeys {
    private static final Pattern JAVA_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");
    private static final Pattern QUALIFIED = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    /** {@code module:rest}, where the module is a Maven module's directory or artifactId (one colon, not Gradle's). */
    private static final Pattern MODULE_QUALIFIED = Pattern.compile("([\\w.-]+(?:/[\\w.-]+)*):([^:].*)");
    private static final Pattern JUNIT4 = Pattern.compile("([\\p{L}_$][\\p{L}\\p{N}_$]*)\\(([\\w.$]+)\\)");

    private TestKeys() {
    }

    /** A test key's test, and the module it names ({@code null} when it names none). */
    record TestKey(String module, TestId id) {
    }

    static Optional<TestKey> parse(String key) {
        Matcher qualified = MODULE_QUALIFIED.matcher(key.strip());
        if (qualified.matches()) {
            return unqualified(qualified.group(2)).map(id -> new TestKey(qualified.group(1), id));
        }
        return unqualified(key).map(id -> new TestKey(null, id));
    }

    static Optional<TestId> toTestId(String key) {
        return parse(key).map(TestKey::id);
    }

    private static Optional<TestId> unqualified(String key) {
        String text = key.strip();
        if (text.isEmpty() || text.startsWith(":") || text.startsWith(">")) {
            return Optional.empty();
        }
        if (text.contains(" > ")) {
            String[] parts = text.split(" > ");
            String className = parts[0].strip();
            if (!isClassName(className)) {
                return Optional.empty();
            }
            return Optional.of(new TestId(className, methodOrNull(parts[1])));
        }
        Matcher junit4 = JUNIT4.matcher(text);
        if (junit4.matches() && isClassName(junit4.group(2))) {
            return Optional.of(new TestId(junit4.group(2), junit4.group(1)));
        }
        int hash = text.indexOf('#');
        if (hash > 0) {
            String className = text.substring(0, hash);
            return isClassName(className)
                    ? Optional.of(new TestId(className, methodOrNull(text.substring(hash + 1))))
                    : Optional.empty();
        }
        String stripped = stripInvocation(text);
        if (!QUALIFIED.matcher(stripped).matches()) {
            return Optional.empty();
        }
        String[] segments = stripped.split("\\.");
        String last = segments[segments.length - 1];
        if (segments.length >= 2 && Character.isLowerCase(last.charAt(0))
                && Character.isUpperCase(segments[segments.length - 2].charAt(0))) {
            // com.acme.FooTest.bar: a method after a capitalised class segment.
            return Optional.of(new TestId(stripped.substring(0, stripped.length() - last.length() - 1), last));
        }
        if (!isClassName(stripped)) {
            return Optional.empty();
        }
        return Optional.of(TestId.ofClass(stripped));
    }

    /** A class name has a capitalised last segment; that is what separates it from {@code compileJava}. */
    private static boolean isClassName(String text) {
        if (!QUALIFIED.matcher(text).matches()) {
            return false;
        }
        String simple = text.substring(text.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        String outer = dollar > 0 ? simple.substring(0, dollar) : simple;
        return Character.isUpperCase(outer.charAt(0));
    }

    /** The bare method name, or null (whole class) when the display name is not a method name. */
    private static String methodOrNull(String display) {
        String bare = stripInvocation(display.strip());
        return JAVA_NAME.matcher(bare).matches() ? bare : null;
    }

    private static String stripInvocation(String text) {
        int cut = text.length();
        int paren = text.indexOf('(');
        int bracket = text.indexOf('[');
        if (paren >= 0) cut = Math.min(cut, paren);
        if (bracket >= 0) cut = Math.min(cut, bracket);
        return text.substring(0, cut).strip();
    }
}

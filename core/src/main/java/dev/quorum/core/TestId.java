package dev.quorum.core;

import java.util.Objects;

/**
 * A test, as Surefire reports it: {@code com.acme.FooTest#barWorks} for a method, {@code com.acme.FooTest} for
 * a whole class. Nested classes keep their binary name ({@code Outer$Inner}); parameterized invocations keep
 * Surefire's display suffix ({@code bar(int)[2]}).
 *
 * @param className fully qualified binary class name
 * @param method    method name with any invocation suffix, or {@code null} for the whole class
 */
public record TestId(String className, String method) implements Comparable<TestId> {

    public TestId {
        Objects.requireNonNull(className, "className");
        if (className.isBlank() || className.contains("#") || className.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a test class name: '" + className + "'");
        }
        if (method != null && method.isBlank()) {
            method = null;
        }
    }

    /** Parses {@code Class#method} or {@code Class}. */
    public static TestId parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int hash = trimmed.indexOf('#');
        if (hash < 0) {
            return new TestId(trimmed, null);
        }
        return new TestId(trimmed.substring(0, hash), trimmed.substring(hash + 1));
    }

    public static TestId ofClass(String className) {
        return new TestId(className, null);
    }

    public boolean isWholeClass() {
        return method == null;
    }

    /**
     * The method name without parameter list or invocation index: {@code bar(int)[2]} gives {@code bar}. This
     * is what build tools accept as a test filter.
     */
    public String baseMethod() {
        if (method == null) {
            return null;
        }
        int cut = method.length();
        int paren = method.indexOf('(');
        int bracket = method.indexOf('[');
        if (paren >= 0) cut = Math.min(cut, paren);
        if (bracket >= 0) cut = Math.min(cut, bracket);
        return method.substring(0, cut);
    }

    /** The top-level class: {@code com.acme.FooTest$Inner} gives {@code com.acme.FooTest}. */
    public String topLevelClass() {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    /**
     * True when a reported test {@code other} is covered by this requested id: the same class (or a class
     * nested in it), and the same method once parameter lists and invocation indices are ignored.
     */
    public boolean covers(TestId other) {
        boolean sameClass = className.equals(other.className)
                || (isWholeClass() && other.className.startsWith(className + "$"));
        if (!sameClass) {
            return false;
        }
        if (isWholeClass()) {
            return true;
        }
        if (other.method == null) {
            return false;
        }
        if (method.equals(other.method)) {
            return true;
        }
        // A request for the bare method name covers all of its parameterized invocations.
        return method.equals(baseMethod()) && method.equals(other.baseMethod());
    }

    @Override
    public String toString() {
        return method == null ? className : className + "#" + method;
    }

    @Override
    public int compareTo(TestId o) {
        return toString().compareTo(o.toString());
    }
}

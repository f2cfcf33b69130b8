package dev.quorum.repair;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code at pkg.Class.method(File.java:12)} frames of stack traces, as source-file keys and lines. */
final class StackFrames {
    private static final Pattern FRAME = Pattern.compile(
            "at\\s+((?:[\\w$]+\\.)*)[\\w$]+\\.[\\w$<>]+\\(([\\w$]+\\.java):(\\d+)\\)");

    private StackFrames() {
    }

    /** @return {@code com/acme/Foo.java:12} style keys (package path, file name, line) */
    static Set<String> in(String text) {
        Set<String> frames = new LinkedHashSet<>();
        Matcher m = FRAME.matcher(text);
        while (m.find()) {
            String pkg = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
            // Drop enclosing class names (upper-case segments) that nested classes add to the qualified name.
            StringBuilder path = new StringBuilder();
            for (String part : pkg.split("\\.")) {
                if (part.isEmpty() || Character.isUpperCase(part.charAt(0))) {
                    break;
                }
                path.append(part).append('/');
            }
            frames.add(path + m.group(2) + ":" + m.group(3));
        }
        return frames;
    }
}

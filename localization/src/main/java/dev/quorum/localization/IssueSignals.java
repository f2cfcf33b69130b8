package dev.quorum.localization;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an issue names outright, read with patterns: stack-trace frames, qualified and simple class names,
 * method names, code in backticks and file paths. Names are candidates here; {@link SignalResolver} keeps the
 * ones the repository actually declares.
 *
 * @param frames            frames in the order the trace lists them (the throwing frame first)
 * @param qualifiedNames    {@code com.acme.Foo}-like names
 * @param capitalizedNames  identifiers that could be class names ({@code Foo}, {@code HttpClient})
 * @param namesOnlyInCode   those of them that occur only inside fenced code blocks: a usage snippet names the whole
 *                          API surface it touches, prose (inline backticks included) names what the user suspects
 * @param methodMentions    names written as calls or members: {@code bar()}, {@code Foo#bar}, {@code Foo.bar(}
 * @param quotedCode        text inside inline backticks: names the user singled out. Fenced blocks are left out:
 *                          they hold reproductions and output, whose every name would count double
 * @param paths             path-like mentions: {@code src/main/java/com/acme/Foo.java}, {@code Foo.java}
 * @param withoutFrames     the issue text with the stack frames cut out: the words to match. A frame's package
 *                          segments ({@code com}, {@code acme}) would otherwise match every file of the package, and
 *                          its class and method are already a signal of their own
 */
record IssueSignals(List<Frame> frames, Set<String> qualifiedNames, Set<String> capitalizedNames,
                    Set<String> namesOnlyInCode, List<MethodMention> methodMentions, String quotedCode, Set<String> paths,
                    String withoutFrames) {

    /** {@code at com.acme.Foo.bar(Foo.java:42)}; {@code line} is 0 when the frame has none. */
    record Frame(String className, String method, String fileName, int line) {
        String outerClassName() {
            int dollar = className.indexOf('$');
            return dollar < 0 ? className : className.substring(0, dollar);
        }

        @Override
        public String toString() {
            return className + "." + method + "(" + (fileName == null ? "?" : fileName)
                    + (line > 0 ? ":" + line : "") + ")";
        }
    }

    /** {@code owner} is the simple class name written before the method, or {@code null}. */
    record MethodMention(String owner, String name) {
    }

    private static final Pattern FRAME = Pattern.compile(
            "\\bat\\s+(?:[\\w.-]+(?:@[\\w.-]+)?/)?((?:[\\w$]+\\.)+[\\w$]+)\\.([\\w$<>-]+)\\(([^):]*)(?::(\\d+))?\\)");
    private static final Pattern FENCED = Pattern.compile("```[\\w-]*\\n?(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][\\w]*\\.)+[A-Z][\\w$]*");
    private static final Pattern CAPITALIZED = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*[a-z][A-Za-z0-9_$]*\\b");
    private static final Pattern CALL = Pattern.compile("(?:\\b([A-Z][\\w$]*)\\s*[#.:]{1,2}\\s*)?\\b([a-z_$][\\w$]*)\\s*\\(");
    private static final Pattern MEMBER = Pattern.compile("\\b([A-Z][\\w$]*)#([a-z_$][\\w$]*)");
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w/.-])((?:[\\w.-]+/)*[\\w-]+\\.(?:java|kt|kts|groovy|scala|xml|properties|gradle|ya?ml|json))\\b");
    private static final Set<String> NOT_METHODS = Set.of(
            "if", "for", "while", "switch", "catch", "return", "new", "synchronized", "e.g", "i.e", "at", "and", "or",
            "see", "is", "in", "on", "of", "to", "a", "the", "with", "when");

    static IssueSignals parse(String text) {
        List<Frame> frames = new ArrayList<>();
        Matcher m = FRAME.matcher(text);
        while (m.find()) {
            String location = m.group(3).strip();
            String fileName = location.endsWith(".java") || location.endsWith(".kt") ? location : null;
            int line = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            frames.add(new Frame(m.group(1), m.group(2), fileName, line));
        }
        // Frames are signals of their own: their names and file names must not count again as mentions.
        String prose = FRAME.matcher(text).replaceAll(" ");
        StringBuilder quoted = new StringBuilder();
        String withoutFences = FENCED.matcher(prose).replaceAll(" ");
        m = INLINE.matcher(withoutFences);
        while (m.find()) quoted.append(m.group(1)).append('\n');

        Set<String> qualified = new LinkedHashSet<>();
        m = QUALIFIED.matcher(prose);
        while (m.find()) qualified.add(m.group());

        Set<String> capitalized = new LinkedHashSet<>();
        m = CAPITALIZED.matcher(prose);
        while (m.find()) capitalized.add(m.group());
        Set<String> inProse = new LinkedHashSet<>();
        m = CAPITALIZED.matcher(withoutFences);
        while (m.find()) inProse.add(m.group());
        Set<String> onlyInCode = new LinkedHashSet<>(capitalized);
        onlyInCode.removeAll(inProse);

        List<MethodMention> methods = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Pattern p : List.of(MEMBER, CALL)) {
            m = p.matcher(prose);
            while (m.find()) {
                String name = m.group(2);
                if (NOT_METHODS.contains(name) || name.length() < 2) continue;
                if (seen.add(m.group(1) + "#" + name)) methods.add(new MethodMention(m.group(1), name));
            }
        }

        Set<String> paths = new LinkedHashSet<>();
        m = PATH.matcher(prose);
        while (m.find()) paths.add(m.group(1));
        return new IssueSignals(List.copyOf(frames), qualified, capitalized, onlyInCode, List.copyOf(methods),
                quoted.toString(), paths, prose);
    }
}

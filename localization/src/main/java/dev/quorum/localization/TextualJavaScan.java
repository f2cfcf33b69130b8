package dev.quorum.localization;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fallback for Java files JavaParser cannot parse: finds the package, imports, type and method declarations
 * with line patterns and their extents by brace counting. Rougher than a parse, but it keeps a broken file
 * searchable and its methods rankable, which is what matters when the issue is about that very file.
 */
final class TextualJavaScan {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
    private static final Pattern TYPE = Pattern.compile("\\b(class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern METHOD = Pattern.compile(
            "^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|abstract|synchronized"
                    + "|native|default|strictfp)\\s+)*(?:<[^>]*>\\s*)?(?:([\\w$.<>\\[\\],?]+(?:\\s*<[^()]*>)?)\\s+)?"
                    + "([A-Za-z_$][\\w$]*)\\s*\\(([^)]*)\\)?");
    private static final Set<String> NOT_A_METHOD = Set.of(
            "if", "for", "while", "switch", "catch", "return", "new", "else", "throw", "synchronized", "try", "do",
            "super", "this", "assert", "case", "yield");

    private TextualJavaScan() {
    }

    static IndexedFile scan(SourceFile file, boolean test, String problem) {
        String[] lines = file.text().split("\n", -1);
        String pkg = "";
        List<String> imports = new ArrayList<>();
        List<IndexedFile.Type> types = new ArrayList<>();
        List<IndexedFile.Method> methods = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            Matcher m;
            if ((m = PACKAGE.matcher(line)).find()) {
                pkg = m.group(1);
            } else if ((m = IMPORT.matcher(line)).find()) {
                imports.add(m.group(1));
            } else if (!line.strip().startsWith("//") && !line.strip().startsWith("*")
                    && (m = TYPE.matcher(line)).find() && line.contains("{")) {
                String name = m.group(2);
                types.add(new IndexedFile.Type(name, pkg.isEmpty() ? name : pkg + "." + name, m.group(1),
                        new LineRange(lineNo, blockEnd(lines, i))));
            } else if ((m = METHOD.matcher(line)).find() && m.group(1) != null && !NOT_A_METHOD.contains(m.group(2))
                    && !NOT_A_METHOD.contains(m.group(1)) && !line.contains("=") && !line.strip().endsWith(";")) {
                String owner = innermostType(types, lineNo);
                if (owner == null) continue;
                String name = m.group(2);
                String params = m.group(3) == null ? "" : m.group(3).replaceAll("[{;].*", "").strip();
                methods.add(new IndexedFile.Method(owner, name, line.strip().replaceAll("\\s*\\{.*$", ""),
                        params, new LineRange(lineNo, blockEnd(lines, i))));
            }
        }
        return new IndexedFile(file, pkg, imports, types, methods, List.of(), List.of(), List.of(), test, problem);
    }

    private static String innermostType(List<IndexedFile.Type> types, int line) {
        IndexedFile.Type best = null;
        for (IndexedFile.Type t : types) {
            if (t.lines().contains(line) && (best == null || t.lines().length() <= best.lines().length())) best = t;
        }
        return best == null ? null : best.qualifiedName();
    }

    /** The line where the block opened at or after {@code from} closes; skips strings, chars and comments. */
    static int blockEnd(String[] lines, int from) {
        int depth = 0;
        boolean opened = false;
        boolean inBlockComment = false;
        for (int i = from; i < lines.length; i++) {
            String s = lines[i];
            for (int c = 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                if (inBlockComment) {
                    if (ch == '*' && c + 1 < s.length() && s.charAt(c + 1) == '/') {
                        inBlockComment = false;
                        c++;
                    }
                } else if (ch == '/' && c + 1 < s.length() && s.charAt(c + 1) == '/') {
                    break;
                } else if (ch == '/' && c + 1 < s.length() && s.charAt(c + 1) == '*') {
                    inBlockComment = true;
                    c++;
                } else if (ch == '"' || ch == '\'') {
                    c = skipLiteral(s, c, ch);
                } else if (ch == '{') {
                    depth++;
                    opened = true;
                } else if (ch == '}') {
                    depth--;
                    if (opened && depth == 0) return i + 1;
                } else if (ch == ';' && !opened) {
                    return i + 1; // an abstract or interface method: no body
                }
            }
        }
        return lines.length;
    }

    private static int skipLiteral(String s, int start, char quote) {
        for (int c = start + 1; c < s.length(); c++) {
            if (s.charAt(c) == '\\') c++;
            else if (s.charAt(c) == quote) return c;
        }
        return s.length();
    }
}

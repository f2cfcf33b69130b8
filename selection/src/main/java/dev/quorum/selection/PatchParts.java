package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a unified diff into its file sections, byte for byte (so CRLF content survives), and tells test files
 * from the rest.
 */
final class PatchParts {
    private PatchParts() {
    }

    /** One file's section of a diff: its header lines and hunks, exactly as they were. */
    record Section(String path, byte[] bytes) {
        boolean isTest() {
            return isTestPath(path);
        }
    }

    /** A patch cut in two: the code it changes, and the tests it adds or changes. */
    record Split(Patch code, Patch tests) {
    }

    static List<Section> sections(Patch patch) {
        List<byte[]> lines = lines(patch.bytes());
        boolean gitStyle = lines.stream().anyMatch(l -> startsWith(l, "diff --git "));
        List<Section> sections = new ArrayList<>();
        ByteArrayOutputStream current = null;
        List<byte[]> currentLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            boolean starts = gitStyle ? startsWith(line, "diff --git ")
                    : startsWith(line, "--- ") && i + 1 < lines.size() && startsWith(lines.get(i + 1), "+++ ")
                    && !inHunk(currentLines);
            if (starts) {
                if (current != null) {
                    sections.add(new Section(pathOf(currentLines), current.toByteArray()));
                }
                current = new ByteArrayOutputStream();
                currentLines = new ArrayList<>();
            }
            if (current != null) {
                current.writeBytes(line);
                currentLines.add(line);
            }
        }
        if (current != null) {
            sections.add(new Section(pathOf(currentLines), current.toByteArray()));
        }
        return sections;
    }

    /** Sections whose file is a test file go to {@code tests}, the rest to {@code code}. */
    static Split split(Patch patch) {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        ByteArrayOutputStream tests = new ByteArrayOutputStream();
        for (Section s : sections(patch)) {
            (s.isTest() ? tests : code).writeBytes(s.bytes());
        }
        return new Split(new Patch(code.toByteArray()), new Patch(tests.toByteArray()));
    }

    /** A git-style diff that adds {@code path} with {@code content} (which ends with a newline). */
    static Patch newFile(String path, String content) {
        List<String> lines = content.lines().toList();
        StringBuilder diff = new StringBuilder("diff --git a/" + path + " b/" + path + "\nnew file mode 100644\n"
                + "--- /dev/null\n+++ b/" + path + "\n@@ -0,0 +1," + lines.size() + " @@\n");
        lines.forEach(l -> diff.append('+').append(l).append('\n'));
        return Patch.ofText(diff.toString());
    }

    static Patch join(List<Section> sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sections.forEach(s -> out.writeBytes(s.bytes()));
        return new Patch(out.toByteArray());
    }

    static boolean isTestPath(String path) {
        return path != null && (path.startsWith("src/test/") || path.contains("/src/test/"));
    }

    /**
     * The test class a file under {@code src/test/java} declares, when its name follows Surefire's default
     * includes ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}); helpers are not tests.
     */
    static Optional<TestId> testClassOf(String path) {
        if (path == null || !path.endsWith(".java")) {
            return Optional.empty();
        }
        String marker = "src/test/java/";
        int at = path.startsWith(marker) ? 0 : path.indexOf("/" + marker);
        if (at < 0) {
            return Optional.empty();
        }
        String rel = path.substring(at == 0 ? marker.length() : at + 1 + marker.length(), path.length() - ".java".length());
        String simple = rel.substring(rel.lastIndexOf('/') + 1);
        boolean isTest = simple.startsWith("Test") || simple.endsWith("Test") || simple.endsWith("Tests")
                || simple.endsWith("TestCase");
        return isTest ? Optional.of(TestId.ofClass(rel.replace('/', '.'))) : Optional.empty();
    }

    /** The test classes a patch adds or changes (deleted files excluded). */
    static List<TestId> testClassesOf(Patch patch) {
        return sections(patch).stream()
                .filter(s -> !deletes(s))
                .map(s -> testClassOf(s.path()))
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }

    private static boolean deletes(Section s) {
        String text = new String(s.bytes(), StandardCharsets.UTF_8);
        return text.contains("\n+++ /dev/null") || text.contains("\ndeleted file mode");
    }

    private static boolean inHunk(List<byte[]> lines) {
        // A "--- " line inside a hunk is a removed line that starts with "-- "; hunks track their counts.
        int remainingOld = 0;
        int remainingNew = 0;
        for (byte[] l : lines) {
            String s = new String(l, StandardCharsets.UTF_8);
            if (s.startsWith("@@")) {
                int[] counts = hunkCounts(s);
                remainingOld = counts[0];
                remainingNew = counts[1];
            } else if (remainingOld > 0 || remainingNew > 0) {
                if (s.startsWith("-")) remainingOld--;
                else if (s.startsWith("+")) remainingNew--;
                else if (!s.startsWith("\\")) {
                    remainingOld--;
                    remainingNew--;
                }
            }
        }
        return remainingOld > 0 || remainingNew > 0;
    }

    private static int[] hunkCounts(String header) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("^@@ -\\d+(?:,(\\d+))? \\+\\d+(?:,(\\d+))? @@").matcher(header);
        if (!m.find()) {
            return new int[] {0, 0};
        }
        return new int[] {m.group(1) == null ? 1 : Integer.parseInt(m.group(1)),
                m.group(2) == null ? 1 : Integer.parseInt(m.group(2))};
    }

    private static String pathOf(List<byte[]> lines) {
        String fromGit = null;
        String minus = null;
        String plus = null;
        for (byte[] l : lines) {
            String s = new String(l, StandardCharsets.UTF_8).stripTrailing();
            if (s.startsWith("diff --git ") && fromGit == null) {
                int b = s.lastIndexOf(" b/");
                fromGit = b >= 0 ? s.substring(b + 3) : null;
            } else if (s.startsWith("--- ") && minus == null) {
                minus = clean(s.substring(4));
            } else if (s.startsWith("+++ ") && plus == null) {
                plus = clean(s.substring(4));
            } else if (s.startsWith("@@")) {
                break;
            }
        }
        if (plus != null) return plus;
        if (minus != null) return minus;
        return fromGit;
    }

    private static String clean(String path) {
        String p = path;
        int tab = p.indexOf('\t');
        if (tab >= 0) p = p.substring(0, tab);
        p = p.strip();
        if (p.equals("/dev/null")) return null;
        if (p.startsWith("a/") || p.startsWith("b/")) p = p.substring(2);
        return p;
    }

    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(bytes, start, i + 1));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return lines;
    }

    private static boolean startsWith(byte[] line, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (line.length < p.length) return false;
        for (int i = 0; i < p.length; i++) {
            if (line[i] != p[i]) return false;
        }
        return true;
    }

    /** Lines added plus lines removed inside hunks (so a removed line that starts with "-- " still counts). */
    static int changedLines(Patch patch) {
        int n = 0;
        int remainingOld = 0;
        int remainingNew = 0;
        for (byte[] l : lines(patch.bytes())) {
            String s = new String(l, StandardCharsets.UTF_8);
            if (remainingOld <= 0 && remainingNew <= 0) {
                if (s.startsWith("@@")) {
                    int[] counts = hunkCounts(s);
                    remainingOld = counts[0];
                    remainingNew = counts[1];
                }
                continue;
            }
            if (s.startsWith("-")) {
                remainingOld--;
                n++;
            } else if (s.startsWith("+")) {
                remainingNew--;
                n++;
            } else if (!s.startsWith("\\")) {
                remainingOld--;
                remainingNew--;
            }
        }
        return n;
    }
}

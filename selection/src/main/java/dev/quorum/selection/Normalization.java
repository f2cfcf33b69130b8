package dev.quorum.selection;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.configuration.DefaultConfigurationOption;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration.ConfigOption;
import dev.quorum.core.FileTrees;
import dev.quorum.core.Patch;
import dev.quorum.sandbox.DirectoryPatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a patch into a form in which two patches that make the same code are equal: each touched file's content
 * after the patch, pretty-printed by JavaParser without comments when it parses, else with comments and
 * whitespace squeezed out. Files the patch leaves equal (after normalization) to the base commit do not count.
 */
final class Normalization {
    private final Path checkout;
    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE));
    private final DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
            new DefaultPrinterConfiguration().removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_COMMENTS))
                    .removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_JAVADOC)));

    Normalization(Path checkout) {
        this.checkout = checkout;
    }

    /**
     * @param key      equal for patches that make the same code
     * @param readable the touched members (pretty-printed), for people reading the evidence
     */
    record Normalized(String key, String readable) {
    }

    Normalized normalize(Patch patch) {
        Map<String, String> keyParts = new TreeMap<>();
        StringBuilder readable = new StringBuilder();
        List<Patch.Section> sections = PatchParts.sections(patch);
        Map<String, String> after = afterImages(patch, sections);
        for (Patch.Section section : sections) {
            FileImages images = images(section, after);
            if (images == null) {
                keyParts.put(section.path() + " (diff)", squeezeDiff(section.bytes()));
                readable.append("// ").append(section.path()).append(" (diff, normalized)\n")
                        .append(squeezeDiff(section.bytes())).append('\n');
                continue;
            }
            boolean java = section.path().endsWith(".java");
            CompilationUnit before = java ? parse(images.before()) : null;
            CompilationUnit afterUnit = java ? parse(images.after()) : null;
            String normBefore = before != null ? printer.print(before) : squeeze(images.before(), java);
            String normAfter = afterUnit != null ? printer.print(afterUnit) : squeeze(images.after(), java);
            if (normBefore.equals(normAfter)) {
                continue; // only whitespace or comments changed in this file
            }
            keyParts.put(section.path(), normAfter);
            readable.append("// ").append(section.path()).append('\n');
            if (before != null && afterUnit != null) {
                readable.append(changedMembers(before, afterUnit));
            } else {
                readable.append(normAfter.length() > 4000 ? normAfter.substring(0, 4000) + "\n..." : normAfter).append('\n');
            }
        }
        StringBuilder key = new StringBuilder();
        keyParts.forEach((path, text) -> key.append("=== ").append(path).append('\n').append(text).append('\n'));
        return new Normalized(key.toString(), readable.toString());
    }

    private record FileImages(String before, String after) {
    }

    /** The file before and after the patch, or null when the patch could not be applied here or the file is binary. */
    private FileImages images(Patch.Section section, Map<String, String> after) {
        Patch.FileChange change = section.change();
        if (change.binary() || after == null) {
            return null;
        }
        String before = change.oldPath() == null ? "" : read(change.oldPath());
        String image = change.newPath() == null ? "" : after.get(change.newPath());
        return before == null || image == null ? null : new FileImages(before, image);
    }

    /**
     * Every touched file's text after the patch, or null when the patch does not apply. The patch is applied by the
     * one patch engine ({@link DirectoryPatcher}) to a scratch copy of the files it touches, so the checkout (shared by
     * every selection step) stays as it is.
     */
    private Map<String, String> afterImages(Patch patch, List<Patch.Section> sections) {
        if (sections.isEmpty()) {
            return null;
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("quorum-normalize-");
            for (Patch.Section section : sections) {
                String old = section.change().oldPath();
                Path base = old == null ? null : baseFile(old);
                if (base != null) {
                    Path copy = scratch.resolve(old).normalize();
                    if (!copy.startsWith(scratch)) {
                        return null;
                    }
                    Files.createDirectories(copy.getParent());
                    Files.copy(base, copy);
                }
            }
            if (!DirectoryPatcher.apply(scratch, patch).applied()) {
                return null;
            }
            Map<String, String> images = new HashMap<>();
            for (Patch.Section section : sections) {
                String path = section.change().newPath();
                Path file = path == null ? null : scratch.resolve(path).normalize();
                if (file != null && file.startsWith(scratch) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    images.put(path, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            return images;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            if (scratch != null) {
                FileTrees.deleteQuietly(scratch);
            }
        }
    }

    /** The file's text at base, or null when it is not a regular file inside the checkout. */
    private String read(String path) {
        Path file = baseFile(path);
        try {
            return file == null ? null : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The file in the checkout, or null when it is not a regular file inside it. Links are resolved against the
     * checkout's real root, and a link that leaves it is refused: a candidate's patch must not make selection read
     * files outside the repository.
     */
    private Path baseFile(String path) {
        try {
            Path root = checkout.toRealPath();
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return null;
            }
            Path real = file.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    private CompilationUnit parse(String source) {
        ParseResult<CompilationUnit> result = parser.parse(source);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return null;
        }
        CompilationUnit cu = result.getResult().get();
        for (Comment c : cu.getAllContainedComments()) {
            c.remove();
        }
        return cu;
    }

    /** Members (methods, fields, constructors, nested types' headers) that differ, pretty-printed. */
    private String changedMembers(CompilationUnit before, CompilationUnit after) {
        Map<String, Integer> beforeMembers = new HashMap<>();
        members(before).forEach(m -> beforeMembers.merge(m, 1, Integer::sum));
        Map<String, Integer> afterMembers = new HashMap<>();
        members(after).forEach(m -> afterMembers.merge(m, 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        for (String m : members(after)) {
            if (beforeMembers.getOrDefault(m, 0) > 0) {
                beforeMembers.merge(m, -1, Integer::sum);
            } else {
                out.append(m).append('\n');
            }
        }
        for (String m : members(before)) {
            if (afterMembers.getOrDefault(m, 0) > 0) {
                afterMembers.merge(m, -1, Integer::sum);
            } else {
                out.append("// removed: ").append(m.lines().findFirst().orElse("")).append('\n');
            }
        }
        if (out.isEmpty()) {
            out.append("// imports or type headers changed\n");
        }
        return out.toString();
    }

    private List<String> members(CompilationUnit cu) {
        List<String> members = new ArrayList<>();
        for (Node node : cu.findAll(BodyDeclaration.class)) {
            if (node instanceof TypeDeclaration<?> type) {
                members.add(type.getNameAsString() + " " + type.getModifiers() + " "
                        + type.getClass().getSimpleName());
            } else if (node.getParentNode().filter(p -> p instanceof TypeDeclaration<?>).isPresent()) {
                members.add(printer.print(node));
            }
        }
        return members;
    }

    /** Text normalization: comments (for Java) dropped, whitespace runs squeezed, blank lines gone. */
    static String squeeze(String text, boolean java) {
        String noComments = java ? stripJavaComments(text) : text;
        StringBuilder out = new StringBuilder();
        for (String line : noComments.split("\r?\n")) {
            String s = line.strip().replaceAll("\\s+", " ");
            if (!s.isEmpty()) {
                out.append(s).append('\n');
            }
        }
        return out.toString();
    }

    /** A diff's added and removed lines, normalized the same way, for patches that cannot be applied here. */
    static String squeezeDiff(byte[] section) {
        StringBuilder out = new StringBuilder();
        for (String line : new String(section, StandardCharsets.UTF_8).split("\r?\n")) {
            if ((line.startsWith("+") && !line.startsWith("+++")) || (line.startsWith("-") && !line.startsWith("---"))) {
                String body = stripJavaComments(line.substring(1)).strip().replaceAll("\\s+", " ");
                if (!body.isEmpty()) {
                    out.append(line.charAt(0)).append(body).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** Removes // and block comments, leaving string and char literals alone. */
    static String stripJavaComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.append(text, i, j);
                i = j;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}

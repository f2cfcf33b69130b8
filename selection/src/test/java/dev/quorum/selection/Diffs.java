package dev.quorum.selection;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.quorum.core.Patch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Writes unified diffs for tests: an edit of a file in a checkout, or a new file. */
final class Diffs {
    private Diffs() {
    }

    /** A git-style diff that turns {@code path} in {@code repo} into {@code edit(content)}. */
    static Patch modify(Path repo, String path, UnaryOperator<String> edit) {
        try {
            String before = Files.readString(repo.resolve(path), StandardCharsets.UTF_8);
            String after = edit.apply(before);
            if (after.equals(before)) {
                throw new IllegalArgumentException("the edit of " + path + " changed nothing");
            }
            List<String> a = before.lines().toList();
            List<String> b = after.lines().toList();
            List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, DiffUtils.diff(a, b), 3);
            StringBuilder out = new StringBuilder("diff --git a/" + path + " b/" + path + "\n");
            diff.forEach(l -> out.append(l).append('\n'));
            return Patch.ofText(out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A diff that creates {@code path} with {@code content} (which ends with a newline). */
    static Patch newFile(String path, String content) {
        return Patch.newFile(path, content);
    }

    /** Replaces exactly one occurrence, failing loudly when the text is not there (the fixture changed). */
    static UnaryOperator<String> replace(String from, String to) {
        return s -> {
            int at = s.indexOf(from);
            if (at < 0 || s.indexOf(from, at + 1) >= 0) {
                throw new IllegalArgumentException("expected exactly one '" + from + "'");
            }
            return s.substring(0, at) + to + s.substring(at + from.length());
        };
    }

    static Patch join(Patch... patches) {
        StringBuilder out = new StringBuilder();
        for (Patch p : patches) out.append(p.text());
        return Patch.ofText(out.toString());
    }
}

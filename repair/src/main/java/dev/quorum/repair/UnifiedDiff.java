package dev.quorum.repair;

import dev.quorum.core.Patch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A git-style diff of one file's two versions (JGit's diff, so CRLF and a missing final newline are kept). */
final class UnifiedDiff {
    private UnifiedDiff() {
    }

    static Patch of(String path, byte[] before, byte[] after) {
        RawText a = new RawText(before);
        RawText b = new RawText(after);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            out.writeBytes(("diff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/" + path + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            formatter.format(edits, a, b);
            formatter.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a diff of " + path, e);
        }
        return new Patch(out.toByteArray());
    }
}

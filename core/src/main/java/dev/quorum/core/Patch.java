package dev.quorum.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.FormatError;

/**
 * A unified diff, kept as bytes. Real repositories have files with CRLF line endings and a patch whose carriage
 * returns were lost no longer applies, so nothing here ever turns the patch into a platform string and back.
 */
public record Patch(byte[] bytes) {

    private static final byte[] NOTHING = new byte[0];
    private static final Pattern HUNK_HEADER =
            Pattern.compile("(?m)^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");
    private static final Pattern FILE_HEADER = Pattern.compile("(?m)^\\+\\+\\+ ");
    private static final Pattern LINE = Pattern.compile("[^\\n]*\\n|[^\\n]+$");

    public Patch {
        bytes = bytes == null ? NOTHING : bytes.clone();
    }

    public static Patch empty() {
        return new Patch(NOTHING);
    }

    /** A patch from text that already holds the exact characters (e.g. a JSON string field). */
    public static Patch ofText(String text) {
        return new Patch(text == null ? NOTHING : text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when the diff holds nothing but whitespace. */
    public boolean isEmpty() {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** A short content hash, useful as a stable name for this patch. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The files this diff touches, parsed by JGit's patch parser (git diffs with renames, copies, mode changes and
     * binary sections, {@code format-patch} mails with their preamble, and plain {@code diff -u} output). Fails with
     * a {@link PatchFormatException} that says what is wrong when the bytes are empty or are not a unified diff.
     */
    public List<FileChange> files() {
        return sections().stream().map(Section::change).toList();
    }

    /** The diff cut into one section per file, each byte for byte as it was (so CRLF content survives). */
    public List<Section> sections() {
        if (isEmpty()) {
            throw new PatchFormatException("the patch is empty: there is nothing to apply");
        }
        checkHunkHeaders();
        org.eclipse.jgit.patch.Patch parsed = new org.eclipse.jgit.patch.Patch();
        try {
            parsed.parse(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            throw new PatchFormatException("the patch is not a well-formed unified diff: " + e.getMessage());
        }
        for (FormatError error : parsed.getErrors()) {
            if (error.getSeverity() == FormatError.Severity.ERROR) {
                throw new PatchFormatException("the patch is not a well-formed unified diff: " + error.getMessage()
                        + " (at byte " + error.getOffset() + ")");
            }
        }
        List<Section> sections = new ArrayList<>();
        for (FileHeader file : parsed.getFiles()) {
            // A section ends with its last hunk: what follows (a format-patch signature) belongs to no file.
            int end = file.getHunks().isEmpty() ? file.getEndOffset() : file.getHunks().getLast().getEndOffset();
            sections.add(new Section(toChange(file), Arrays.copyOfRange(bytes, file.getStartOffset(), end)));
        }
        if (sections.isEmpty() && FILE_HEADER.matcher(text()).find()) {
            throw new PatchFormatException("the patch has '--- a/file' / '+++ b/file' headers but no hunks "
                    + "('@@ -a,b +c,d @@' lines): it is truncated or malformed");
        }
        if (sections.isEmpty()) {
            throw new PatchFormatException(
                    "the patch is not a unified diff: no '--- a/file' / '+++ b/file' headers or 'diff --git' lines found");
        }
        return List.copyOf(sections);
    }

    /** The sections joined back into one diff, in the order given. */
    public static Patch join(List<Section> sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sections.forEach(s -> out.writeBytes(s.bytes()));
        return new Patch(out.toByteArray());
    }

    /** A git diff that adds {@code path} holding {@code content}, whose line endings are kept as they are. */
    public static Patch newFile(String path, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        Matcher line = LINE.matcher(content);
        while (line.find() && line.end() > line.start()) {
            lines.add(line.group());
        }
        out.writeBytes(("diff --git a/" + path + " b/" + path + "\nnew file mode 100644\n--- /dev/null\n+++ b/" + path
                + "\n@@ -0,0 +1," + lines.size() + " @@\n").getBytes(StandardCharsets.UTF_8));
        for (String l : lines) {
            out.writeBytes(("+" + l).getBytes(StandardCharsets.UTF_8));
            if (!l.endsWith("\n")) {
                out.writeBytes("\n\\ No newline at end of file\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Patch(out.toByteArray());
    }

    /** Lines added plus lines removed, over every hunk. */
    public int changedLines() {
        return files().stream().mapToInt(FileChange::changedLines).sum();
    }

    /**
     * A hunk header's counts must fit the patch: a parser trusts them (an int overflow, or a count of two billion
     * lines, is an exception or a huge allocation there), so an absurd header is refused here first.
     */
    private void checkHunkHeaders() {
        String text = text();
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        Matcher m = HUNK_HEADER.matcher(text);
        while (m.find()) {
            for (int group = 1; group <= 4; group++) {
                String number = m.group(group);
                if (number == null) {
                    continue;
                }
                boolean count = group == 2 || group == 4;
                if (number.length() > 9 || count && Long.parseLong(number) > lines) {
                    throw new PatchFormatException("the hunk header '" + m.group().strip() + "' has an impossible "
                            + (count ? "line count (the patch has " + lines + " lines)" : "line number")
                            + ": the patch is corrupt");
                }
            }
        }
    }

    private static FileChange toChange(FileHeader file) {
        ChangeType type = file.getChangeType();
        String oldPath = type == ChangeType.ADD ? null : file.getOldPath();
        String newPath = type == ChangeType.DELETE ? null : file.getNewPath();
        if (oldPath == null && newPath == null) {
            throw new PatchFormatException("the patch has a file section without file names");
        }
        boolean binary = file.getPatchType() != FileHeader.PatchType.UNIFIED;
        int hunks = file.getHunks().size();
        int changed = file.getHunks().stream()
                .mapToInt(h -> h.getOldImage().getLinesAdded() + h.getOldImage().getLinesDeleted()).sum();
        if (hunks == 0 && !binary && !file.hasMetaDataChanges() && type == ChangeType.MODIFY) {
            throw new PatchFormatException("the patch section for '" + (newPath != null ? newPath : oldPath)
                    + "' has no hunks ('@@ -a,b +c,d @@' lines): it is truncated or malformed");
        }
        return new FileChange(oldPath, newPath, hunks, binary, changed);
    }

    /** The paths this diff leaves behind (new paths, or the old path of a deleted file). */
    public List<String> touchedPaths() {
        return files().stream().map(FileChange::path).distinct().toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Patch other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Patch[" + bytes.length + " bytes]";
    }

    /**
     * One file in a diff.
     *
     * @param oldPath      path before, or {@code null} for a new file
     * @param newPath      path after, or {@code null} for a deleted file
     * @param hunks        number of text hunks
     * @param binary       whether the section carries a binary change (a git binary patch, or "Binary files differ")
     * @param changedLines lines added plus lines removed
     */
    public record FileChange(String oldPath, String newPath, int hunks, boolean binary, int changedLines) {
        public String path() {
            return newPath != null ? newPath : oldPath;
        }

        public boolean isNew() {
            return oldPath == null;
        }

        public boolean isDeleted() {
            return newPath == null;
        }
    }

    /** One file's section of a diff: its header lines and hunks, exactly as they were. */
    public record Section(FileChange change, byte[] bytes) {
        public Section {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String path() {
            return change.path();
        }

        /** The section as a diff of its own. */
        public Patch patch() {
            return new Patch(bytes);
        }
    }
}

package dev.quorum.core;

import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A unified diff, kept as bytes. Real repositories have files with CRLF line endings and a patch whose carriage
 * returns were lost no longer applies, so nothing here ever turns the patch into a platform string and back.
 */
public record Patch(byte[] bytes) {

    private static final byte[] NOTHING = new byte[0];
    private static final Pattern HUNK_HEADER =
            Pattern.compile("(?m)^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

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
     * The files this diff touches. Fails with a {@link PatchFormatException} that says what is wrong when the
     * bytes are empty or are not a unified diff.
     */
    public List<FileChange> files() {
        if (isEmpty()) {
            throw new PatchFormatException("the patch is empty: there is nothing to apply");
        }
        checkHunkHeaders();
        UnifiedDiff diff;
        try {
            diff = com.github.difflib.unifieddiff.UnifiedDiffReader.parseUnifiedDiff(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new PatchFormatException("the patch is not a well-formed unified diff: " + e.getMessage());
        }
        List<FileChange> changes = new ArrayList<>();
        for (UnifiedDiffFile file : diff.getFiles()) {
            changes.add(toChange(file));
        }
        if (changes.isEmpty()) {
            throw new PatchFormatException(
                    "the patch is not a unified diff: no '--- a/file' / '+++ b/file' headers or 'diff --git' lines found");
        }
        return List.copyOf(changes);
    }

    /**
     * A hunk header's counts must fit the patch: the parser trusts them (an int overflow, or a count of two billion
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

    private static FileChange toChange(UnifiedDiffFile file) {
        String oldPath = stripPrefix(file.getFromFile());
        String newPath = stripPrefix(file.getToFile());
        if (file.getRenameFrom() != null) oldPath = file.getRenameFrom();
        if (file.getRenameTo() != null) newPath = file.getRenameTo();
        boolean binary = file.getBinaryAdded() != null || file.getBinaryDeleted() != null
                || file.getBinaryEdited() != null;
        boolean modeOrRename = file.getNewFileMode() != null || file.getDeletedFileMode() != null
                || file.getNewMode() != null || file.getRenameFrom() != null || file.getCopyFrom() != null;
        int hunks = file.getPatch() == null ? 0 : file.getPatch().getDeltas().size();
        if (oldPath == null && newPath == null) {
            throw new PatchFormatException("the patch has a file section without file names");
        }
        if (hunks == 0 && !binary && !modeOrRename) {
            throw new PatchFormatException("the patch section for '" + (newPath != null ? newPath : oldPath)
                    + "' has no hunks ('@@ -a,b +c,d @@' lines): it is truncated or malformed");
        }
        return new FileChange(oldPath, newPath, hunks);
    }

    private static String stripPrefix(String path) {
        if (path == null || path.equals("/dev/null")) {
            return null;
        }
        String p = path.strip();
        int tab = p.indexOf('\t');
        if (tab >= 0) p = p.substring(0, tab);
        if (p.startsWith("a/") || p.startsWith("b/")) p = p.substring(2);
        return p;
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
     * @param oldPath path before, or {@code null} for a new file
     * @param newPath path after, or {@code null} for a deleted file
     * @param hunks   number of hunks
     */
    public record FileChange(String oldPath, String newPath, int hunks) {
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
}

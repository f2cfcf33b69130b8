package dev.quorum.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one way a name from outside (an instance id, a run id part) becomes a file or directory name. Ids such as
 * {@code apache/commons-lang#12} hold slashes and other characters a path cannot; replacing them alone would make
 * {@code a/b} and {@code a_b} collide, so any id that is not already a plain name gets a hash of the whole id.
 */
public final class FileNames {
    /** Plain names are kept as they are: lower case, so that no two of them collide on a case-insensitive disk. */
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    /** The suffix given to other ids; a plain name never ends like this, so the two kinds cannot collide. */
    private static final Pattern HASHED = Pattern.compile(".*-[0-9a-f]{10}");
    private static final int KEPT = 80;

    private FileNames() {
    }

    /**
     * A file name for {@code id}: the id itself when it is plain ({@code acme__semver-40}); otherwise its safe
     * characters followed by {@code -} and ten hex digits of its SHA-256 ({@code apache_commons-lang_12-3f0c9e21ab}).
     * Distinct ids give distinct names, also on case-insensitive file systems.
     */
    public static String forId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("an empty id cannot name a file");
        }
        if (PLAIN.matcher(id).matches() && !HASHED.matcher(id).matches() && !id.equals(".") && !id.equals("..")) {
            return id;
        }
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^[.-]+", "_");
        if (safe.length() > KEPT) {
            safe = safe.substring(0, KEPT);
        }
        return safe + "-" + hash(id);
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

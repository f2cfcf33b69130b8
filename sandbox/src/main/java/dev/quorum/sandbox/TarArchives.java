package dev.quorum.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Tar streams for moving files in and out of containers, with ownership set to the sandbox user. */
final class TarArchives {
    private TarArchives() {
    }

    /** Writes {@code dir}'s contents (not the directory itself) under {@code prefix}, owned by uid:gid. */
    static void writeDirectory(Path dir, String prefix, int uid, int gid, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = open(out); Stream<Path> walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (path.equals(dir)) {
                    continue;
                }
                String name = join(prefix, dir.relativize(path).toString().replace('\\', '/'));
                TarArchiveEntry entry;
                if (Files.isSymbolicLink(path)) {
                    entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(path).toString());
                } else {
                    entry = new TarArchiveEntry(path.toFile(), name);
                    entry.setMode(mode(path));
                }
                entry.setIds(uid, gid);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(path, tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    static void writeFile(String name, byte[] content, int uid, int gid, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = open(out)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(0100644);
            entry.setIds(uid, gid);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
    }

    /** Reads the first regular file from a tar stream. */
    static byte[] readSingleFile(InputStream in, String what) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            if (e.isFile()) {
                return tar.readAllBytes();
            }
        }
        throw new IOException(what + " is not a regular file");
    }

    /** Extracts a tar stream under {@code dest}, refusing entries that would land outside it. */
    static void extract(InputStream in, Path dest) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        Path root = dest.toAbsolutePath().normalize();
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            Path target = root.resolve(e.getName()).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("archive entry escapes the destination: " + e.getName());
            }
            if (e.isDirectory()) {
                Files.createDirectories(target);
            } else if (e.isFile()) {
                Files.createDirectories(target.getParent());
                Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static TarArchiveOutputStream open(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    private static String join(String prefix, String name) {
        if (prefix == null || prefix.isEmpty()) {
            return name;
        }
        return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
    }

    private static int mode(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            boolean exec = perms.contains(PosixFilePermission.OWNER_EXECUTE);
            if (Files.isDirectory(path)) {
                return 040755;
            }
            return exec ? 0100755 : 0100644;
        } catch (IOException | UnsupportedOperationException e) {
            return Files.isDirectory(path) ? 040755 : 0100644;
        }
    }

    static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }

    /** Writes a tar stream. */
    interface TarWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Sends a tar stream to a sandbox. */
    interface TarSender {
        void send(InputStream in);
    }

    /**
     * Hands what {@code writer} writes to {@code sender} through a temp file: simpler than a pipe thread, and large
     * trees never sit in memory.
     */
    static void throughTempFile(String what, TarWriter writer, TarSender sender) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("quorum-copy", ".tar");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try (InputStream in = Files.newInputStream(tmp)) {
                sender.send(in);
            }
        } catch (IOException e) {
            throw unchecked(what, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}

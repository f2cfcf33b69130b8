package dev.quorum.tasks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The git command line, for what JGit cannot do: reading objects of a partial clone (git fetches them from the
 * promisor remote on demand) and cloning or fetching where JGit's transport gives up.
 */
final class GitCli {
    private static final long TIMEOUT_MINUTES = 30;

    /** One object read by {@code git cat-file --batch}. */
    record GitObject(ObjectId id, int type, byte[] bytes) {
    }

    private GitCli() {
    }

    /** Runs {@code git args...} in {@code dir}; returns its output, or throws with git's message on failure. */
    static String run(Path dir, List<String> args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "core.autocrlf=false"));
        argv.addAll(args);
        Process p = start(new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = await(p);
        if (exit != 0) {
            throw new IOException("git " + args.getFirst() + " failed (exit " + exit + "): " + lastLines(out));
        }
        return out;
    }

    /**
     * Reads the objects {@code ids} from the repository at {@code gitDir} with {@code git cat-file --batch}; the
     * ones git cannot find either are left out of the result.
     */
    static List<GitObject> readObjects(Path gitDir, Collection<ObjectId> ids) throws IOException {
        List<String> argv = List.of("git", "--git-dir=" + gitDir, "cat-file", "--batch");
        Process p = start(new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD));
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream in = p.getOutputStream()) {
                for (ObjectId id : ids) {
                    in.write((id.name() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // git exited early; its exit status and the objects read so far tell what happened.
            }
        });
        List<GitObject> found = new ArrayList<>();
        try (InputStream out = new BufferedInputStream(p.getInputStream())) {
            for (String header = line(out); header != null; header = line(out)) {
                String[] parts = header.split(" ");
                if (parts.length != 3) {
                    continue; // "<id> missing" (or ambiguous): git cannot read it either
                }
                byte[] bytes = out.readNBytes(Integer.parseInt(parts[2]));
                out.read(); // the newline after the contents
                found.add(new GitObject(ObjectId.fromString(parts[0]), typeCode(parts[1]), bytes));
            }
        }
        try {
            feeder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading objects with git", e);
        }
        await(p);
        return found;
    }

    private static int typeCode(String type) {
        return switch (type) {
            case Constants.TYPE_BLOB -> Constants.OBJ_BLOB;
            case Constants.TYPE_TREE -> Constants.OBJ_TREE;
            case Constants.TYPE_COMMIT -> Constants.OBJ_COMMIT;
            case Constants.TYPE_TAG -> Constants.OBJ_TAG;
            default -> -1;
        };
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return buf.size() == 0 ? null : buf.toString(StandardCharsets.US_ASCII);
            }
            buf.write(b);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    private static Process start(ProcessBuilder builder) throws IOException {
        // Never ask for credentials on a terminal nobody watches; a URL without them fails at once instead.
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run git (is it installed and on PATH?): " + e.getMessage(), e);
        }
    }

    private static int await(Process p) throws IOException {
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("git did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for git", e);
        }
    }

    private static String lastLines(String out) {
        String[] lines = out.split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }
}

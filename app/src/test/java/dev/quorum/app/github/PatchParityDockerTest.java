package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.pipeline.WorkingCopy;
import dev.quorum.core.Patch;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.PatchApplication.Strategy;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One patch engine: the same real-shaped patches (a CRLF file, a rename with changes, a new file, a deletion, a
 * binary file, and context that drifted so that only a 3-way merge or fuzz applies) give the same tree, byte for
 * byte, and the same strategy through every path a patch takes: a sandbox ({@link Sandbox#applyPatch}, which is
 * what selection's matrix and eval's apply step call), {@code solve --apply} ({@link WorkingCopy}) and the GitHub
 * App's push ({@link FixBranch#commit}).
 */
class PatchParityDockerTest {
    private static final PersonIdent AUTHOR = new PersonIdent("Tester", "tester@example.invalid");
    private static final byte[] LOGO_BEFORE = bytes(0, 256);
    private static final byte[] LOGO_AFTER = bytes(7, 300);

    @TempDir
    Path tmp;
    private Path origin;
    private String commitA;
    private String commitB;

    /** A repository with commit A (the patches' base) and commit B (A with a context line near the hunk changed). */
    @BeforeEach
    void repository() throws Exception {
        origin = tmp.resolve("origin");
        try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            Files.writeString(origin.resolve("win.txt"), "alpha\r\nbeta\r\ngamma\r\n");
            Files.createDirectories(origin.resolve("src/main/java/a"));
            Files.writeString(origin.resolve("src/main/java/a/Old.java"),
                    "package a;\n\nclass Old {\n    int one() {\n        return 1;\n    }\n}\n");
            Files.writeString(origin.resolve("gone.txt"), "remove me\n");
            Files.write(origin.resolve("logo.bin"), LOGO_BEFORE);
            Files.writeString(origin.resolve("drift.txt"), lines(20, Map.of()));
            commitA = commit(git, "A");
            Files.writeString(origin.resolve("drift.txt"), lines(20, Map.of(8, "line 8 changed upstream")));
            commitB = commit(git, "B");
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyPathGivesTheSameTreeAndStrategy() throws Exception {
        Patch full = fullPatch();
        Patch plain = plainDriftPatch();
        DockerTestEnvironment docker = DockerTestEnvironment.get();

        Result exact = assertParity(docker, full, commitA);
        assertThat(exact.strategy()).isEqualTo(Strategy.GIT_APPLY);
        assertThat(exact.tree().get("win.txt")).isEqualTo("alpha\r\nBETA\r\ngamma\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(exact.tree()).doesNotContainKeys("gone.txt", "src/main/java/a/Old.java")
                .containsKeys("src/main/java/a/New.java", "notes/added.md");
        assertThat(exact.tree().get("logo.bin")).isEqualTo(LOGO_AFTER);

        Result merged = assertParity(docker, full, commitB);
        assertThat(merged.strategy()).isEqualTo(Strategy.GIT_3WAY);
        assertThat(text(merged.tree().get("drift.txt"))).contains("line 8 changed upstream", "line 10 fixed");
        assertThat(merged.tree().get("win.txt")).isEqualTo(exact.tree().get("win.txt"));

        // Without the blob ids of a git diff, a 3-way merge has nothing to merge with: fuzz places the hunk.
        Result fuzzy = assertParity(docker, plain, commitB);
        assertThat(fuzzy.strategy()).isEqualTo(Strategy.FUZZY);
        assertThat(text(fuzzy.tree().get("drift.txt"))).contains("line 8 changed upstream", "line 10 fixed");
    }

    private record Result(Strategy strategy, Map<String, byte[]> tree) {
    }

    /** Applies the patch to {@code base} through each path; all must agree on the strategy and on every byte. */
    private Result assertParity(DockerTestEnvironment docker, Patch patch, String base) throws Exception {
        Result sandbox = throughSandbox(docker, patch, base);
        Result apply = throughWorkingCopy(patch, base);
        Result push = throughPush(patch, base);
        for (Result other : List.of(apply, push)) {
            assertThat(other.strategy()).isEqualTo(sandbox.strategy());
            assertThat(other.tree().keySet()).isEqualTo(sandbox.tree().keySet());
            other.tree().forEach((path, content) -> assertThat(content).as(path).isEqualTo(sandbox.tree().get(path)));
        }
        return sandbox;
    }

    private Result throughSandbox(DockerTestEnvironment docker, Patch patch, String base) throws Exception {
        Path checkout = checkout(base);
        try (Sandbox sandbox = docker.provider().create(SandboxSpec.of(docker.base().tag()))) {
            sandbox.copyIn(checkout, "");
            PatchApplication result = sandbox.applyPatch(patch, "");
            assertThat(result).as("sandbox").isInstanceOf(PatchApplication.Applied.class);
            Path out = Files.createTempDirectory(tmp, "out");
            sandbox.copyOut("", out);
            try (Stream<Path> children = Files.list(out)) {
                Path workspace = children.findFirst().orElseThrow();
                return new Result(((PatchApplication.Applied) result).strategy(), files(workspace));
            }
        }
    }

    private Result throughWorkingCopy(Patch patch, String base) throws Exception {
        Path checkout = checkout(base);
        Strategy strategy = WorkingCopy.apply(checkout, patch);
        return new Result(strategy, files(checkout));
    }

    private Result throughPush(Patch patch, String base) throws Exception {
        Path checkout = checkout(base);
        try (Git git = Git.open(checkout.toFile())) {
            FixBranch.Commit commit = new FixBranch(git, job(), base, null, Duration.ofSeconds(30)).commit(patch);
            return new Result(commit.strategy(), committedTree(git.getRepository(), "refs/heads/" + job().branch()));
        }
    }

    private Path checkout(String commit) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "checkout");
        try (Git git = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(dir.toFile()).call()) {
            git.checkout().setName(commit).call();
        }
        return dir;
    }

    /** What {@code git diff --binary} gives for the changes (a model's or SWE-bench's patch has this shape). */
    private Patch fullPatch() throws Exception {
        Path work = checkout(commitA);
        Files.writeString(work.resolve("win.txt"), "alpha\r\nBETA\r\ngamma\r\n");
        Files.move(work.resolve("src/main/java/a/Old.java"), work.resolve("src/main/java/a/New.java"));
        Files.writeString(work.resolve("src/main/java/a/New.java"),
                "package a;\n\nclass Old {\n    int one() {\n        return 1;\n    }\n}\n".replace("return 1", "return 2"));
        Files.delete(work.resolve("gone.txt"));
        Files.write(work.resolve("logo.bin"), LOGO_AFTER);
        Files.createDirectories(work.resolve("notes"));
        Files.writeString(work.resolve("notes/added.md"), "# Added\n");
        Files.writeString(work.resolve("drift.txt"), lines(20, Map.of(10, "line 10 fixed")));
        git(work, "add", "-A");
        return new Patch(git(work, "diff", "--cached", "--binary", "-M", "HEAD"));
    }

    /** A plain {@code diff -u} of the drifted file: no index line, so no blobs to merge with. */
    private Patch plainDriftPatch() {
        String text = "--- a/drift.txt\n+++ b/drift.txt\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n"
                + "+line 10 fixed\n line 11\n line 12\n line 13\n";
        return Patch.ofText(text);
    }

    private static byte[] git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "core.autocrlf=false"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0).as("git " + String.join(" ", args)).isTrue();
        return out;
    }

    private static String commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call().name();
    }

    private static Job job() {
        return new Job(1, "delivery", 1, "acme", "widgets", 7, "Fix the widgets", "They break.",
                "https://github.com/acme/widgets/issues/7", "https://github.com/acme/widgets.git", "main",
                JobState.RUNNING, 1, "run-7", null, null, 0, Instant.EPOCH, Instant.EPOCH, null, List.of("octocat"));
    }

    /** Every file under {@code root} outside {@code .git}, by its path with {@code /} separators. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(".git") && !rel.startsWith(".git/")) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static Map<String, byte[]> committedTree(Repository repo, String ref) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            ObjectId head = repo.resolve(ref);
            tree.addTree(walk.parseCommit(head).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                files.put(tree.getPathString(), repo.open(tree.getObjectId(0)).getBytes());
            }
        }
        return files;
    }

    private static String lines(int count, Map<Integer, String> replaced) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            b.append(replaced.getOrDefault(i, "line " + i)).append('\n');
        }
        return b.toString();
    }

    private static byte[] bytes(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

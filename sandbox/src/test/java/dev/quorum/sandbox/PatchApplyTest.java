package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying diffs in a real container: the three strategies, and a clear error for each kind of bad diff. */
class PatchApplyTest {
    @TempDir
    Path tmp;

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
    }

    private Sandbox sandboxWithRepo(Path repo) {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        Sandbox sandbox = docker.provider().create(SandboxSpec.of(docker.base().tag()));
        sandbox.copyIn(repo, "");
        return sandbox;
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-c", "core.autocrlf=false"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void emptyMalformedAndNonApplyingDiffsGiveClearErrors() throws Exception {
        Path repo = tmp.resolve("r");
        MavenProjects.write(repo, java.util.Map.of("a.txt", lines(1, 10)));
        MavenProjects.commit(repo, "base");
        try (Sandbox sandbox = sandboxWithRepo(repo)) {
            PatchApplication empty = sandbox.applyPatch(Patch.ofText("\n"), "");
            assertThat(empty).isInstanceOfSatisfying(PatchApplication.Rejected.class,
                    r -> assertThat(r.reason()).contains("empty"));

            PatchApplication prose = sandbox.applyPatch(Patch.ofText("Please change line 3 to say hello.\n"), "");
            assertThat(prose).isInstanceOfSatisfying(PatchApplication.Rejected.class,
                    r -> assertThat(r.reason()).contains("not a unified diff"));

            PatchApplication truncated = sandbox.applyPatch(Patch.ofText("--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n line 1\n"), "");
            assertThat(truncated).isInstanceOfSatisfying(PatchApplication.Rejected.class,
                    r -> assertThat(r.reason()).containsAnyOf("no hunks", "well-formed"));

            PatchApplication stranger = sandbox.applyPatch(Patch.ofText("""
                    --- a/a.txt
                    +++ b/a.txt
                    @@ -1,3 +1,3 @@
                     something else entirely
                    -not in this file
                    +whatever
                     nor this
                    """), "");
            assertThat(stranger).isInstanceOfSatisfying(PatchApplication.Rejected.class, r -> {
                assertThat(r.reason()).contains("does not apply");
                assertThat(r.attempts()).extracting(PatchApplication.Attempt::strategy)
                        .containsExactly(PatchApplication.Strategy.values());
            });
            assertThat(new String(sandbox.readFile("a.txt"), StandardCharsets.UTF_8)).isEqualTo(lines(1, 10));
        }
    }

    @Test
    void aPatchForAnOlderCommitAppliesByThreeWayMerge() throws Exception {
        Path repo = tmp.resolve("r3");
        MavenProjects.write(repo, java.util.Map.of("a.txt", lines(1, 10)));
        MavenProjects.commit(repo, "base");
        Files.writeString(repo.resolve("a.txt"), lines(1, 10).replace("line 5\n", "line five\n"));
        String patch = git(repo, "diff");
        git(repo, "checkout", "--", "a.txt");
        // Upstream moved on: a changed line inside the hunk's context breaks a plain apply, not a merge.
        Files.writeString(repo.resolve("a.txt"), lines(1, 10).replace("line 3\n", "line three\n"));
        MavenProjects.commit(repo, "upstream change");
        try (Sandbox sandbox = sandboxWithRepo(repo)) {
            PatchApplication result = sandbox.applyPatch(Patch.ofText(patch), "");
            assertThat(result).isInstanceOfSatisfying(PatchApplication.Applied.class,
                    a -> assertThat(a.strategy()).isEqualTo(PatchApplication.Strategy.GIT_3WAY));
            assertThat(new String(sandbox.readFile("a.txt"), StandardCharsets.UTF_8))
                    .contains("line three\nline 4\nline five\nline 6");
        }
    }

    @Test
    void aConflictingThreeWayMergeLeavesNoMarkersBehind() throws Exception {
        Path repo = tmp.resolve("conflict");
        MavenProjects.write(repo, java.util.Map.of("a.txt", lines(1, 10)));
        MavenProjects.commit(repo, "base");
        Files.writeString(repo.resolve("a.txt"), lines(1, 10).replace("line 5\n", "line five\n"));
        String patch = git(repo, "diff");
        git(repo, "checkout", "--", "a.txt");
        String upstream = lines(1, 10).replace("line 5\n", "line FIVE\n");
        Files.writeString(repo.resolve("a.txt"), upstream);
        MavenProjects.commit(repo, "a conflicting upstream change");
        try (Sandbox sandbox = sandboxWithRepo(repo)) {
            PatchApplication result = sandbox.applyPatch(Patch.ofText(patch), "");
            assertThat(result).isInstanceOf(PatchApplication.Rejected.class);
            assertThat(new String(sandbox.readFile("a.txt"), StandardCharsets.UTF_8)).isEqualTo(upstream);
        }
    }

    @Test
    void aPatchWithSlightlyDifferentContextAppliesFuzzily() throws Exception {
        Path repo = tmp.resolve("plain");
        MavenProjects.write(repo, java.util.Map.of("a.txt", lines(1, 20).replace("line 9\n", "line nine\n")));
        try (Sandbox sandbox = sandboxWithRepo(repo)) { // not a git repository: no 3-way merge possible
            PatchApplication result = sandbox.applyPatch(Patch.ofText("""
                    --- a/a.txt
                    +++ b/a.txt
                    @@ -8,5 +8,5 @@
                     line 8
                     line 9
                    -line 10
                    +line TEN
                     line 11
                     line 12
                    """), "");
            assertThat(result).isInstanceOfSatisfying(PatchApplication.Applied.class,
                    a -> assertThat(a.strategy()).isEqualTo(PatchApplication.Strategy.FUZZY));
            assertThat(new String(sandbox.readFile("a.txt"), StandardCharsets.UTF_8)).contains("line nine\nline TEN\n");
        }
    }

    @Test
    void carriageReturnsInAPatchSurviveTheTrip() throws Exception {
        Path repo = tmp.resolve("crlf");
        Files.createDirectories(repo);
        Files.write(repo.resolve("W.java"), "class W {\r\n  int x = 1;\r\n}\r\n".getBytes(StandardCharsets.UTF_8));
        MavenProjects.commit(repo, "base");
        byte[] patch = ("--- a/W.java\n+++ b/W.java\n@@ -1,3 +1,3 @@\n class W {\r\n-  int x = 1;\r\n+  int x = 2;\r\n }\r\n")
                .getBytes(StandardCharsets.UTF_8);
        try (Sandbox sandbox = sandboxWithRepo(repo)) {
            PatchApplication result = sandbox.applyPatch(new Patch(patch), "");
            assertThat(result).isInstanceOfSatisfying(PatchApplication.Applied.class,
                    a -> assertThat(a.strategy()).isEqualTo(PatchApplication.Strategy.GIT_APPLY));
            assertThat(sandbox.readFile("W.java")).isEqualTo("class W {\r\n  int x = 2;\r\n}\r\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}

package dev.quorum.localization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.RepoRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoSnapshotReaderTest {

    @TempDir
    Path tmp;

    private final RepoSnapshotReader reader = new RepoSnapshotReader(List.of("docs/generated-api/"), 10_000);

    private Map<String, String> read(Path repoDir, String revision) throws Exception {
        try (RepoAccess access = RepoAccess.open(new RepoRef(repoDir.toString()))) {
            return reader.readCommit(access.repository(),
                            RepoSnapshotReader.resolveCommit(access.repository(), revision)).stream()
                    .collect(Collectors.toMap(SourceFile::path, SourceFile::text));
        }
    }

    @Test
    void readsACommitsCodeAndSkipsGeneratedVendoredBinaryAndHugeFiles() throws Exception {
        Path dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("src/main/java/a/Keep.java", "package a; class Keep {}")
                    .write("pom.xml", "<project/>")
                    .write("target/classes/a/Gen.java", "class Gen {}")
                    .write("module/build/Gen2.java", "class Gen2 {}")
                    .write("web/node_modules/lib/index.js", "var x;")
                    .write("vendor/lib/V.java", "class V {}")
                    .write("web/app.min.js", "var y;")
                    .write("docs/generated-api/Api.java", "class Api {}")
                    .write("src/main/java/a/Binary.java", new byte[] {'c', 'l', 0, 's'})
                    .write("src/main/java/a/Huge.java", "// x\n".repeat(5_000))
                    .write("logo.png", new byte[] {1, 2, 3});
            repo.commit("first");
        }
        assertThat(read(dir, "HEAD")).containsOnlyKeys("src/main/java/a/Keep.java", "pom.xml");
    }

    @Test
    void readsAnOlderCommitFromABareMirrorWithoutCheckingOut() throws Exception {
        Path dir = tmp.resolve("repo");
        String first;
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("src/A.java", "class A { int v1; }");
            first = repo.commit("v1");
            repo.write("src/A.java", "class A { int v2; }").write("src/B.java", "class B {}");
            repo.commit("v2");
        }
        Path mirror = tmp.resolve("mirror.git");
        Git.cloneRepository().setURI(dir.toUri().toString()).setDirectory(mirror.toFile()).setBare(true).call().close();

        assertThat(read(mirror, first)).containsExactly(Map.entry("src/A.java", "class A { int v1; }"));
        assertThat(read(mirror, "HEAD")).containsOnlyKeys("src/A.java", "src/B.java")
                .containsEntry("src/A.java", "class A { int v2; }");
    }

    @Test
    void workingCopyIncludesUncommittedChangesAndHonoursGitignore() throws Exception {
        Path dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write(".gitignore", "*.log.txt\nscratch/\n").write("src/A.java", "class A {}");
            repo.commit("first");
            repo.write("src/A.java", "class A { void changed() {} }")
                    .write("src/New.java", "class New {}")
                    .write("run.log.txt", "noise")
                    .write("scratch/S.java", "class S {}")
                    .write("target/T.java", "class T {}");
        }
        try (RepoAccess access = RepoAccess.open(new RepoRef(dir.toString()))) {
            Map<String, String> files = reader.readWorkingCopy(access.repository()).stream()
                    .collect(Collectors.toMap(SourceFile::path, SourceFile::text));
            assertThat(files).containsOnlyKeys("src/A.java", "src/New.java")
                    .containsEntry("src/A.java", "class A { void changed() {} }");
        }
    }
}

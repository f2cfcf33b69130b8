package dev.quorum.localization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.FileTrees;
import dev.quorum.core.RepoRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One index per snapshot: the first query reads and indexes the commit, every later query reuses it. */
class CodeSearchTest {

    @Test
    void laterQueriesNeedNeitherTheRepositoryNorANewIndex(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("src/main/java/a"));
        Files.writeString(repo.resolve("src/main/java/a/Abbreviator.java"),
                "package a;\n\nclass Abbreviator {\n    String abbreviate(String text, int width) {\n"
                        + "        return text.substring(0, width);\n    }\n}\n");
        Files.writeString(repo.resolve("src/main/java/a/Padder.java"),
                "package a;\n\nclass Padder {\n    String pad(String text, int size) {\n        return text;\n    }\n}\n");
        String commit;
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("c").setAuthor("t", "t@t.invalid").setCommitter("t", "t@t.invalid")
                    .setSign(false).call().name();
        }
        CodeSearch search = CodeSearch.bm25(new RepoRef(repo.toString()), commit);

        assertThat(search.search("abbreviate width").files().getFirst().path())
                .isEqualTo("src/main/java/a/Abbreviator.java");
        FileTrees.delete(repo); // an index rebuilt per query would fail now
        assertThat(search.search("pad size").files().getFirst().path()).isEqualTo("src/main/java/a/Padder.java");
    }
}

package dev.quorum.agent;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/** Real Git repositories for tests, made with JGit. */
public final class TestRepos {
    private TestRepos() {
    }

    /** Makes {@code dir} a repository with everything in it committed (links as links); returns the commit. */
    public static String commitAll(Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("base").setAuthor("t", "t@t").setCommitter("t", "t@t").setSign(false).call()
                    .getName();
        }
    }
}

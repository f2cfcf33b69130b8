package dev.quorum.app.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/** A bare repository made with JGit that stands in for the GitHub remote: one commit with a misspelled greeting. */
final class GreeterRepo {
    static final String FILE = "src/main/java/demo/Greeting.java";
    static final String BUGGY = """
            package demo;

            public final class Greeting {
                public static String greet(String name) {
                    return "Helo, " + name;
                }
            }
            """;

    private GreeterRepo() {
    }

    /** Creates {@code dir/remote.git} with branch main, and returns its clone URL. */
    static String create(Path dir) throws IOException, GitAPIException {
        Path bare = dir.resolve("remote.git");
        Path seed = dir.resolve("seed");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            Path file = seed.resolve(FILE);
            Files.createDirectories(file.getParent());
            Files.writeString(file, BUGGY);
            Files.writeString(seed.resolve("README.md"), "# greeter\n");
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Maintainer", "maintainer@example.com");
            git.commit().setAuthor(who).setCommitter(who).setSign(false).setMessage("Initial greeter").call();
            git.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                    .call();
        }
        return bare.toUri().toString();
    }

    /** Pushes a commit by a person (not Quorum) adding {@code file} on top of {@code branch}; returns its id. */
    static String commitOnBranch(String cloneUrl, String branch, String file, String content)
            throws IOException, GitAPIException {
        Path work = Files.createTempDirectory("greeter-human");
        try (Git git = Git.cloneRepository().setURI(cloneUrl).setDirectory(work.toFile()).setBranch(branch).call()) {
            Files.writeString(work.resolve(file), content);
            git.add().addFilepattern(file).call();
            PersonIdent who = new PersonIdent("Maintainer", "maintainer@example.com");
            String id = git.commit().setAuthor(who).setCommitter(who).setSign(false).setMessage("Review notes")
                    .call().getName();
            git.push().setRemote(cloneUrl).setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).call();
            return id;
        }
    }

    /** The commit {@code branch} points at in the bare repository. */
    static String head(String cloneUrl, String branch) throws IOException {
        try (Git git = Git.open(Path.of(java.net.URI.create(cloneUrl)).toFile())) {
            return git.getRepository().resolve("refs/heads/" + branch).getName();
        }
    }

    /** The content of {@code path} on {@code branch} in the bare repository, or null when the branch is absent. */
    static String read(String cloneUrl, String branch, String path) throws IOException {
        try (Git git = Git.open(Path.of(java.net.URI.create(cloneUrl)).toFile())) {
            var repo = git.getRepository();
            var id = repo.resolve("refs/heads/" + branch + ":" + path);
            return id == null ? null : new String(repo.open(id).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}

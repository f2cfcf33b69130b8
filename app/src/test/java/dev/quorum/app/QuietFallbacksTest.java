package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallbackTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What a newcomer sees on stderr: expected fallbacks in one line of ours, no library stack traces or warnings. */
class QuietFallbacksTest {
    @TempDir
    Path tmp;

    @Test
    void localizeInAFreshJvmPrintsNoLuceneWarning() throws Exception {
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Path source = repo.resolve("src/main/java/com/acme/Parser.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package com.acme;\nclass Parser {\n  int parse(String s) { return s.length(); }\n}\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("parser").setSign(false).call();
        }
        Path issue = Files.writeString(tmp.resolve("issue.md"), "Parser.parse fails on an empty string\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "localize", "--repo", repo.toString(), "--issue", issue.toString())).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).contains("src/main/java/com/acme/Parser.java");
        assertThat(err).doesNotContainIgnoringCase("vector").doesNotContain("WARNING");
    }

    @Test
    void dockerJavasCallbackErrorsAreLeftToTheCallerThatReportsThem() {
        // ResultCallbackTemplate logs a failed pull with its stack trace and then rethrows the same error to the
        // caller (BaseImageBuilder), which prints its one-line fallback; only the caller's line should show.
        assertThat(LoggerFactory.getLogger(ResultCallbackTemplate.class).isErrorEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("com.github.dockerjava.core.DefaultDockerClientConfig").isWarnEnabled())
                .isTrue();
    }
}

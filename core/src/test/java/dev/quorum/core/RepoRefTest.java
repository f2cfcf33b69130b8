package dev.quorum.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRefTest {
    @TempDir
    Path tmp;

    @Test
    void anExistingLocalDirectoryIsNeverReadAsOwnerAndName() throws Exception {
        Path local = Files.createDirectories(tmp.resolve("acme/widgets"));
        String relative = Path.of("").toAbsolutePath().relativize(local).toString();
        RepoRef ref = RepoRef.fromUserInput(relative);
        assertThat(ref.spec()).isEqualTo(local.toString());
        assertThat(ref.isOwnerName()).isFalse();
    }

    @Test
    void ownerNameAndUrlsStayAsTyped() {
        assertThat(RepoRef.fromUserInput("no-such-owner-xyz/widgets").isOwnerName()).isTrue();
        assertThat(RepoRef.fromUserInput("https://example.invalid/a/b.git").isUrl()).isTrue();
    }
}

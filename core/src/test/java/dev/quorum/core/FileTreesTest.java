package dev.quorum.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @Test
    void deletesATreeButNotWhatItsLinksPointAt(@TempDir Path tmp) throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "precious");
        Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file.txt"), "x");
        Files.createSymbolicLink(tmp.resolve("tree/a/link"), outside);
        Files.createSymbolicLink(tmp.resolve("tree/dangling"), tmp.resolve("nowhere"));

        FileTrees.delete(tmp.resolve("tree"));

        assertThat(tmp.resolve("tree")).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("precious");
        FileTrees.delete(tmp.resolve("tree"));
        assertThat(FileTrees.deleteQuietly(tmp.resolve("absent"))).isTrue();
    }
}

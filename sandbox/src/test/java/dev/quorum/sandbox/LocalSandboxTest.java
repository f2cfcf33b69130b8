package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local backend: the same operations as a container, reported plainly as not isolated. */
class LocalSandboxTest {
    @TempDir
    Path tmp;

    @Test
    void saysItIsNotIsolated() {
        try (SandboxProvider provider = Sandboxes.local(); Sandbox sandbox = provider.create(SandboxSpec.of("any"))) {
            assertThat(sandbox.isolation().isolated()).isFalse();
            assertThat(sandbox.isolation().describe()).startsWith("NOT ISOLATED");
        }
    }

    @Test
    void copiesRunsPatchesAndReadsBack() throws Exception {
        Files.writeString(tmp.resolve("a.txt"), "one\ntwo\nthree\n");
        try (Sandbox sandbox = Sandboxes.local().create(SandboxSpec.of("any"))) {
            sandbox.copyIn(tmp, "");
            PatchApplication applied = sandbox.applyPatch(Patch.ofText("""
                    --- a/a.txt
                    +++ b/a.txt
                    @@ -1,3 +1,3 @@
                     one
                    -two
                    +TWO
                     three
                    """), "");
            assertThat(applied).isInstanceOfSatisfying(PatchApplication.Applied.class,
                    a -> assertThat(a.files()).containsExactly("a.txt"));
            assertThat(new String(sandbox.readFile("a.txt"), StandardCharsets.UTF_8)).isEqualTo("one\nTWO\nthree\n");
            ExecResult r = sandbox.run(Command.shell(Duration.ofSeconds(10), "wc -l < a.txt"));
            assertThat(r.succeeded()).isTrue();
            assertThat(r.output().text().strip()).isEqualTo("3");
        }
    }

    @Test
    void outputBeyondTheCapIsCountedAndNoted() {
        try (Sandbox sandbox = Sandboxes.local().create(new SandboxSpec("any", null, 1000))) {
            ExecResult r = sandbox.run(Command.shell(Duration.ofSeconds(10), "head -c 5000 /dev/zero | tr '\\\\0' x"));
            assertThat(r.output().truncated()).isTrue();
            assertThat(r.output().totalBytes()).isEqualTo(5000);
            assertThat(r.output().text()).hasSize(1000);
            assertThat(r.output().textWithNote()).contains("kept 1000 of 5000 bytes");
        }
    }

    @Test
    void aCommandPastItsLimitIsKilledWithItsChildren() throws Exception {
        Sandbox sandbox = Sandboxes.local().create(SandboxSpec.of("any"));
        Path marker = tmp.resolve("child-alive");
        ExecResult r = sandbox.run(Command.shell(Duration.ofSeconds(2),
                "(sleep 4; touch " + marker + ") & sleep 60"));
        assertThat(r).isInstanceOf(ExecResult.TimedOut.class);
        assertThat(sandbox.isAlive()).isFalse();
        Thread.sleep(3000);
        assertThat(marker).doesNotExist();
    }
}

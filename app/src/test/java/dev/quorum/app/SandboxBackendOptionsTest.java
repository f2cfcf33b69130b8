package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Backend options that cannot work are said before anything is built or graded, naming what to change. */
class SandboxBackendOptionsTest {

    private static SandboxBackendOptions parsed(String... args) {
        SandboxBackendOptions options = new SandboxBackendOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void combinationsThatCannotWorkAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> parsed("--backend", "docker-pool").open(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--docker-host HOST, once per engine");
        assertThatThrownBy(() -> parsed("--backend", "docker-pool", "--docker-host", "ssh://build@box").open(Map.of()))
                .hasMessageContaining("no SSH transport").hasMessageContaining("ssh -NL");
        assertThatThrownBy(() -> parsed("--docker-host", "unix:///a.sock", "--docker-host", "unix:///b.sock")
                .open(Map.of())).hasMessageContaining("--backend docker-pool");
        assertThatThrownBy(() -> parsed("--backend", "kubernetes", "--push-images").open(Map.of()))
                .hasMessageContaining("--push-images needs --image-registry");
        assertThatThrownBy(() -> parsed("--backend", "kubernetes", "--kube-namespace", "Bad_NS").open(Map.of()))
                .hasMessageContaining("--kube-namespace").hasMessageContaining("Bad_NS");
        assertThatThrownBy(() -> parsed("--backend", "slurm").open(Map.of()))
                .hasMessageContaining("docker, docker-pool or kubernetes").hasMessageContaining("slurm");
    }

    @Test
    void evalSaysABadBackendAsBadUsage(@TempDir Path dir) throws Exception {
        Path tasks = Files.writeString(dir.resolve("tasks.jsonl"), "");
        Cli eval = Cli.run("eval", "--tasks", tasks.toString(), "--gold", "--run-id", "x", "--runs-dir",
                dir.resolve("runs").toString(), "--backend", "docker-pool", "--parallel", "4");
        assertThat(eval.exit()).isEqualTo(2);
        assertThat(eval.err()).contains("--docker-host HOST, once per engine");
        assertThat(dir.resolve("runs")).doesNotExist();
    }
}

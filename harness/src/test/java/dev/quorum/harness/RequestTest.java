package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RequestTest {
    @Test
    void defaultWorkersAreBoundedByCoresAndMemory() {
        assertThat(Workers.byDefault(8, 7L << 30)).isEqualTo(2);
        assertThat(Workers.byDefault(2, 64L << 30)).isEqualTo(2);
        assertThat(Workers.byDefault(4, 1L << 30)).isEqualTo(1);
        assertThat(Workers.resolve(5)).isEqualTo(5);
        assertThat(Workers.resolve(0)).isBetween(1, Runtime.getRuntime().availableProcessors());
    }

    @Test
    void requestsRejectWhatCannotWork() {
        assertThatThrownBy(() -> EvalRequest.gold(Path.of("t.jsonl"), "../escape"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run id");
        assertThatThrownBy(() -> EvalRequest.predictions(Path.of("t.jsonl"), null, "r1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predictions file");
        assertThatThrownBy(() -> ValidationRequest.of(Path.of("t.jsonl"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRepositoryCacheLivesNextToTheRunsDirectory() {
        EvalRequest request = EvalRequest.gold(Path.of("/data/q/runs/x/.."), "r1").withRunsDir(Path.of("/data/q/runs"));
        assertThat(request.runDir()).isEqualTo(Path.of("/data/q/runs/r1"));
        assertThat(request.effectiveCacheDir()).isEqualTo(Path.of("/data/q/.quorum-cache/repos"));
        assertThat(request.withCacheDir(Path.of("/c")).effectiveCacheDir()).isEqualTo(Path.of("/c"));
    }
}

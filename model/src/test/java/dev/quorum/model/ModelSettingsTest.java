package dev.quorum.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    @Test
    void readsModelKeysBaseUrlAndFallbacksFromTheGivenEnvironment() {
        ModelSettings settings = ModelSettings.fromEnvironment(Map.of(
                "QUORUM_MODEL", "openai-compatible/meta-llama/llama-3.3-70b",
                "QUORUM_FALLBACK_MODELS", "anthropic/claude-sonnet-4-5, openai/gpt-4.1",
                "OPENAI_BASE_URL", "http://localhost:8000/v1",
                "OPENAI_API_KEY", "sk-openai-abc",
                "ANTHROPIC_API_KEY", "sk-ant-xyz"));

        assertThat(settings.model()).isEqualTo(new ModelRef(ModelRef.Provider.OPENAI_COMPATIBLE, "meta-llama/llama-3.3-70b"));
        assertThat(settings.fallbacks()).containsExactly(ModelRef.parse("anthropic/claude-sonnet-4-5"), ModelRef.parse("openai/gpt-4.1"));
        assertThat(settings.openAiBaseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(settings.openAiApiKey()).isEqualTo("sk-openai-abc");
        assertThat(settings.anthropicApiKey()).isEqualTo("sk-ant-xyz");
        assertThat(settings.toString()).doesNotContain("sk-openai-abc").doesNotContain("sk-ant-xyz").contains("[REDACTED]");
    }

    @Test
    void missingModelOrUnknownProviderIsExplained() {
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of())).hasMessageContaining("QUORUM_MODEL");
        assertThatThrownBy(() -> ModelRef.parse("gemini/pro")).hasMessageContaining("unknown model provider 'gemini'");
        assertThatThrownBy(() -> ModelRef.parse("gpt-4.1")).hasMessageContaining("provider/name");
    }

    @Test
    void clientFactoryRejectsSettingsThatCannotWork() {
        assertThatThrownBy(() -> ModelClients.fromEnvironment(Map.of("QUORUM_MODEL", "openai-compatible/qwen")))
                .hasMessageContaining("base URL");
        assertThatThrownBy(() -> ModelClients.fromEnvironment(Map.of("QUORUM_MODEL", "anthropic/claude-sonnet-4-5")))
                .hasMessageContaining("ANTHROPIC_API_KEY");
        ModelSettings base = ModelSettings.of(ModelRef.parse("openai/gpt-4.1"));
        assertThatThrownBy(() -> new ModelSettings(base.model(), List.of(), null, null, null, null, null, null, null, 1, 0,
                Map.of(), java.nio.file.Path.of("rec"), java.nio.file.Path.of("rep"), true))
                .hasMessageContaining("record and replay");
        // The withers switch between the two instead of combining them.
        assertThat(base.withRecordDir(java.nio.file.Path.of("rec")).withReplayDir(java.nio.file.Path.of("rep")).recordDir()).isNull();
    }

    @Test
    void pricesMatchDatedSnapshotsAndOverridesWin() {
        PriceTable table = PriceTable.withOverrides(Map.of("gpt-4.1", new Price(9, 9, 9, 9)));

        assertThat(table.priceOf(ModelRef.parse("anthropic/claude-sonnet-4-5-20250929")).orElseThrow().inputPerMTok()).isEqualTo(3.0);
        assertThat(table.priceOf(ModelRef.parse("openai/gpt-4.1-mini")).orElseThrow().inputPerMTok()).isEqualTo(0.40);
        assertThat(table.priceOf(ModelRef.parse("openai/gpt-4.1")).orElseThrow().inputPerMTok()).isEqualTo(9.0);
        assertThat(table.priceOf(ModelRef.parse("openai-compatible/qwen2.5-coder"))).isEmpty();
    }

    @Test
    void retryAfterReadsMillisSecondsAndDates() {
        java.time.Instant now = java.time.Instant.parse("2026-03-01T10:00:00Z");
        assertThat(RetryAfter.of(response("retry-after-ms", "1500"), now)).contains(java.time.Duration.ofMillis(1500));
        assertThat(RetryAfter.of(response("Retry-After", "3"), now)).contains(java.time.Duration.ofSeconds(3));
        assertThat(RetryAfter.of(response("Retry-After", "Sun, 01 Mar 2026 10:00:05 GMT"), now)).contains(java.time.Duration.ofSeconds(5));
        assertThat(RetryAfter.of(response("Retry-After", "soon"), now)).isEmpty();
    }

    @Test
    void tokenRateLimiterWaitsForTheWindowToFreeUp() throws InterruptedException {
        java.time.Instant[] now = {java.time.Instant.parse("2026-03-01T10:00:00Z")};
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now[0];
            }
        };
        List<java.time.Duration> waits = new java.util.ArrayList<>();
        TokenRateLimiter limiter = new TokenRateLimiter(1_000, clock, d -> {
            waits.add(d);
            now[0] = now[0].plus(d);
        });

        limiter.acquire(600);
        now[0] = now[0].plusSeconds(10);
        limiter.acquire(300);
        limiter.acquire(300);

        assertThat(waits).containsExactly(java.time.Duration.ofSeconds(50));
    }

    private static Wire.Response response(String header, String value) {
        return new Wire.Response(429, Map.of(header, List.of(value)), "");
    }
}

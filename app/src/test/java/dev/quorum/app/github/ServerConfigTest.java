package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @TempDir
    Path dir;

    @Test
    void flagsBeatEnvironmentWhichBeatsQuorumYamlWhichBeatsDefaults() throws Exception {
        Path yaml = dir.resolve("quorum.yaml");
        Files.writeString(yaml, """
                model: openai/gpt-4.1
                serve:
                  port: 9000
                  webhook-secret: from-yaml
                  label: from-yaml
                  concurrency: 3
                  data-dir: state
                  api-url: https://ghe.example/api/v3/
                """);
        var flags = new ServerConfig.Flags(null, 7000, null, null, null, null, null, null, null);
        var env = Map.of("QUORUM_WEBHOOK_SECRET", "env-secret", "QUORUM_LABEL", "from-env");

        ServerConfig c = ServerConfig.resolve(flags, env, yaml);

        assertThat(c.port()).isEqualTo(7000);
        assertThat(c.webhookSecret()).isEqualTo("env-secret");
        assertThat(c.label()).isEqualTo("from-env");
        assertThat(c.concurrency()).isEqualTo(3);
        assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("state"));
        assertThat(c.apiUrl().toString()).isEqualTo("https://ghe.example/api/v3");
        assertThat(c.hasAppCredentials()).isFalse();
        assertThat(c.toString()).doesNotContain("env-secret");
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        ServerConfig c = ServerConfig.resolve(ServerConfig.Flags.none(), Map.of("QUORUM_WEBHOOK_SECRET", "s"),
                dir.resolve("absent.yaml"));

        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.label()).isEqualTo("quorum");
        assertThat(c.apiUrl().toString()).isEqualTo(ServerConfig.DEFAULT_API_URL);
        assertThat(c.concurrency()).isEqualTo(2);
    }

    @Test
    void aSecretIsRequiredAndCredentialsComeInPairs() {
        assertThatThrownBy(() -> ServerConfig.resolve(ServerConfig.Flags.none(), Map.of(), null))
                .hasMessageContaining("webhook secret is required");
        var onlyAppId = new ServerConfig.Flags(null, null, "s", "12345", null, null, null, null, null);
        assertThatThrownBy(() -> ServerConfig.resolve(onlyAppId, Map.of(), null))
                .hasMessageContaining("go together");
    }
}

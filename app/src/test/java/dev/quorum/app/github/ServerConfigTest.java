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

    @Test
    void thePolicyComesFromQuorumYamlAndTheEnvironmentWithSafeDefaults() throws Exception {
        ServerConfig.Policy defaults = ServerConfig.resolve(ServerConfig.Flags.none(),
                Map.of("QUORUM_WEBHOOK_SECRET", "s"), null).policy();
        assertThat(defaults.allowProtectedChanges()).isFalse();
        assertThat(defaults.draftPullRequests()).isTrue();
        assertThat(defaults.allows(1, "any", "repo")).isTrue();
        assertThat(defaults.jobBudgetUsd()).isNull();

        Path yaml = dir.resolve("quorum.yaml");
        Files.writeString(yaml, """
                serve:
                  allow-protected-changes: true
                  draft-pull-requests: false
                  allowed-installations: [4242, 17]
                  allowed-repositories: [acme/greeter]
                  max-queued-jobs: 5
                  job-budget-usd: 2.5
                  github-timeout-seconds: 10
                """);
        ServerConfig.Policy p = ServerConfig.resolve(ServerConfig.Flags.none(), Map.of("QUORUM_WEBHOOK_SECRET", "s",
                "QUORUM_MAX_QUEUED_JOBS", "7"), yaml).policy();

        assertThat(p.allowProtectedChanges()).isTrue();
        assertThat(p.draftPullRequests()).isFalse();
        assertThat(p.allowedInstallations()).containsExactlyInAnyOrder(4242L, 17L);
        assertThat(p.allows(4242, "Acme", "Greeter")).isTrue();
        assertThat(p.allows(4242, "acme", "other")).isFalse();
        assertThat(p.allows(5, "acme", "greeter")).isFalse();
        assertThat(p.maxQueuedJobs()).isEqualTo(7);
        assertThat(p.jobBudgetUsd()).isEqualTo(2.5);
        assertThat(p.githubTimeout()).hasSeconds(10);
    }

    @Test
    void aBadPolicyValueIsRefusedNamingTheKey() throws Exception {
        Path yaml = dir.resolve("quorum.yaml");
        Files.writeString(yaml, "serve:\n  allowed-repositories: [greeter]\n");
        assertThatThrownBy(() -> ServerConfig.resolve(ServerConfig.Flags.none(), Map.of("QUORUM_WEBHOOK_SECRET", "s"),
                yaml)).hasMessageContaining("allowed-repositories holds 'greeter'; write owner/name");
        assertThatThrownBy(() -> ServerConfig.resolve(ServerConfig.Flags.none(), Map.of("QUORUM_WEBHOOK_SECRET", "s",
                "QUORUM_JOB_BUDGET_USD", "lots"), null)).hasMessageContaining("job-budget-usd is 'lots'");
        assertThatThrownBy(() -> ServerConfig.resolve(ServerConfig.Flags.none(), Map.of("QUORUM_WEBHOOK_SECRET", "s",
                "QUORUM_MAX_QUEUED_JOBS", "0"), null)).hasMessageContaining("max-queued-jobs must be at least 1");
    }
}

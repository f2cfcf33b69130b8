package dev.quorum.app.github;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Installation access tokens, one per installation, fetched with the App JWT and reused until shortly before
 * they expire (GitHub gives them an hour). A token is held in memory only.
 */
final class InstallationTokens {
    /** A cached token is replaced when it has less than this left: a clone and push can take minutes. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final GitHubApi api;
    private final AppJwt jwt;
    private final Clock clock;
    private final Map<Long, GitHubApi.InstallationToken> cache = new HashMap<>();

    InstallationTokens(GitHubApi api, AppJwt jwt, Clock clock) {
        this.api = api;
        this.jwt = jwt;
        this.clock = clock;
    }

    synchronized String token(long installationId) {
        GitHubApi.InstallationToken cached = cache.get(installationId);
        if (cached != null && clock.instant().plus(REFRESH_MARGIN).isBefore(cached.expiresAt())) {
            return cached.token();
        }
        GitHubApi.InstallationToken fresh = api.createInstallationToken(installationId, jwt.create());
        cache.put(installationId, fresh);
        return fresh.token();
    }
}

package dev.quorum.app.github;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Installation access tokens, one per installation and repository, fetched with the App JWT and reused until
 * shortly before they expire (GitHub gives them an hour). Each is limited to its one repository and to the
 * permissions a job needs ({@link GitHubApi#createInstallationToken}). A token is held in memory only.
 */
final class InstallationTokens {
    /** A cached token is replaced when it has less than this left: a clone and push can take minutes. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final GitHubApi api;
    private final AppJwt jwt;
    private final Clock clock;
    private final Map<Key, GitHubApi.InstallationToken> cache = new HashMap<>();

    private record Key(long installationId, String repo) {
    }

    InstallationTokens(GitHubApi api, AppJwt jwt, Clock clock) {
        this.api = api;
        this.jwt = jwt;
        this.clock = clock;
    }

    synchronized String token(long installationId, String repo) {
        Key key = new Key(installationId, repo);
        GitHubApi.InstallationToken cached = cache.get(key);
        if (cached != null && clock.instant().plus(REFRESH_MARGIN).isBefore(cached.expiresAt())) {
            return cached.token();
        }
        GitHubApi.InstallationToken fresh = api.createInstallationToken(installationId, repo, jwt.create());
        cache.put(key, fresh);
        return fresh.token();
    }
}

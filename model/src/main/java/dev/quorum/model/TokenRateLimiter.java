package dev.quorum.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps the tokens sent in any sliding minute under a limit, by waiting before a send. Uses the same
 * worst-case estimate as the budget; a single call larger than the limit goes alone once the window is empty.
 */
final class TokenRateLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final long tokensPerMinute;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Entry> window = new ArrayDeque<>();
    private long inWindow;

    private record Entry(Instant at, long tokens) {
    }

    TokenRateLimiter(long tokensPerMinute, Clock clock, Sleeper sleeper) {
        this.tokensPerMinute = tokensPerMinute;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    void acquire(long tokens) throws InterruptedException {
        if (tokensPerMinute <= 0) {
            return;
        }
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.instant();
                while (!window.isEmpty() && !window.peekFirst().at().plus(WINDOW).isAfter(now)) {
                    inWindow -= window.removeFirst().tokens();
                }
                if (window.isEmpty() || inWindow + tokens <= tokensPerMinute) {
                    window.addLast(new Entry(now, tokens));
                    inWindow += tokens;
                    return;
                }
                wait = Duration.between(now, window.peekFirst().at().plus(WINDOW));
            }
            sleeper.sleep(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
        }
    }
}

package dev.quorum.model;

import java.time.Duration;

/** Waiting, made injectable so that retry tests check the delays without spending them. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}

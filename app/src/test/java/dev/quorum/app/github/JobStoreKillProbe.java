package dev.quorum.app.github;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by {@link JobStoreTest}: accepts deliveries one after another and prints {@code acked <id>}
 * after each, the moment a webhook handler would answer GitHub, until it is killed.
 */
public final class JobStoreKillProbe {
    private JobStoreKillProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        JobStore store = JobStore.open(Path.of(args[0]));
        for (int i = 1; ; i++) {
            String delivery = "d-" + i;
            store.accept(delivery, "issues", new JobRequest(4242, "acme", "greeter", i, "title", "body",
                    "https://github.example/i/" + i, "file:///nowhere.git", "main", "octocat"), Instant.now());
            System.out.println("acked " + delivery);
            System.out.flush();
            Thread.sleep(5);
        }
    }
}

package dev.quorum.app.github;

/** Where a job is in its life: queued → running → succeeded / failed / abstained. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, ABSTAINED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == ABSTAINED;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.quorum.app.github;

/**
 * Where a job is in its life: queued → running → succeeded / failed / abstained / refused. Refused: policy said
 * no (nobody who asked may write to the repository, or the fix touches protected files and may not be pushed).
 */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, ABSTAINED, REFUSED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == ABSTAINED || this == REFUSED;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

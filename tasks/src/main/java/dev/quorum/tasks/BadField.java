package dev.quorum.tasks;

/** A field of one JSON record that cannot be used; the reader turns it into a {@link LineError}. */
final class BadField extends RuntimeException {
    private final String field;

    BadField(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}

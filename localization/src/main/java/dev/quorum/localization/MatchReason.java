package dev.quorum.localization;

/**
 * One reason a location ranked where it did.
 *
 * @param kind   which signal matched
 * @param detail what exactly matched (the frame, the name, the terms)
 */
public record MatchReason(Kind kind, String detail) {

    public enum Kind {
        /** A stack-trace frame points into this file or method. */
        STACK_FRAME,
        /** The issue names a class declared here (fully qualified or simple). */
        CLASS_NAME,
        /** The issue names a method declared here. */
        METHOD_NAME,
        /** The issue names this file's path. */
        FILE_PATH,
        /** The issue names a test class that exercises this class. */
        TESTED_BY,
        /** A top-ranked file uses a type declared here: bugs often sit one call below the class the user names. */
        REFERENCED_BY,
        /** A model moved this file in the ranking (detail: from which BM25 rank to which). */
        MODEL_RERANK,
        /** Words of the issue occur here (BM25). */
        TERMS
    }

    @Override
    public String toString() {
        return kind + ": " + detail;
    }
}

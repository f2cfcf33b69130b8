package dev.quorum.localization;

/** Lines {@code start..end}, 1-based and inclusive, as editors and stack traces count them. */
record LineRange(int start, int end) {
    LineRange {
        if (start < 1 || end < start) throw new IllegalArgumentException("bad line range " + start + ".." + end);
    }

    boolean contains(int line) {
        return line >= start && line <= end;
    }

    int length() {
        return end - start + 1;
    }
}

package dev.quorum.localization;

/** One text file of the snapshot being localized: repository-relative path (forward slashes) and content. */
record SourceFile(String path, String text) {

    boolean isJava() {
        return path.endsWith(".java");
    }

    String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

package dev.quorum.localization;

import java.util.List;

/**
 * What localization found.
 *
 * @param commit        the commit that was read ({@code "WORKING_COPY"} when the working copy was)
 * @param files         files, best first
 * @param methods       methods and constructors, best first
 * @param context       the top locations rendered as skeletons and method bodies, within the token budget
 * @param indexedFiles  how many files were indexed
 * @param unparsedFiles Java files JavaParser could not parse; they were indexed by text
 */
public record Localization(String commit, List<RankedFile> files, List<RankedMethod> methods, ContextBlock context,
                           int indexedFiles, List<String> unparsedFiles) {
    public Localization {
        files = List.copyOf(files);
        methods = List.copyOf(methods);
        unparsedFiles = List.copyOf(unparsedFiles);
    }
}

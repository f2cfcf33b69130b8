package dev.quorum.localization;

import dev.quorum.core.RepoRef;
import java.util.List;
import java.util.Objects;

/**
 * What to localize.
 *
 * @param repo        a local working copy, a bare mirror, or a URL (cloned to a temporary directory)
 * @param commit      a revision JGit can resolve (SHA, branch, tag); {@code null} or blank means {@code HEAD}
 * @param workingCopy read the files on disk, uncommitted changes included, instead of the commit's tree
 * @param issueText   the issue as the user wrote it (title, body, stack traces)
 * @param options     limits and budgets
 */
public record LocalizationRequest(RepoRef repo, String commit, boolean workingCopy, String issueText,
                                  Options options) {

    public LocalizationRequest {
        Objects.requireNonNull(repo, "repo");
        commit = commit == null || commit.isBlank() ? "HEAD" : commit.strip();
        issueText = issueText == null ? "" : issueText;
        options = options == null ? Options.defaults() : options;
    }

    /** The commit's tree (or {@code HEAD}) with default options. */
    public static LocalizationRequest of(RepoRef repo, String commit, String issueText) {
        return new LocalizationRequest(repo, commit, false, issueText, Options.defaults());
    }

    public LocalizationRequest withOptions(Options newOptions) {
        return new LocalizationRequest(repo, commit, workingCopy, issueText, newOptions);
    }

    public LocalizationRequest withWorkingCopy(boolean readWorkingCopy) {
        return new LocalizationRequest(repo, commit, readWorkingCopy, issueText, options);
    }

    /**
     * @param topFiles       how many ranked files to return
     * @param topMethods     how many ranked methods to return
     * @param contextTokens  token budget of the rendered context block (tokens estimated as characters / 4)
     * @param contextLines   lines shown above and below a method body in the context block
     * @param maxFileBytes   files larger than this are skipped (generated or data files, not code to fix)
     * @param extraExcludes  more gitignore-style patterns to skip, on top of the built-in ones
     *                       (target/, build/, node_modules/, vendor/, *.min.js, ...)
     */
    public record Options(int topFiles, int topMethods, int contextTokens, int contextLines, long maxFileBytes,
                          List<String> extraExcludes) {
        public Options {
            if (topFiles < 1 || topMethods < 0 || contextTokens < 0 || contextLines < 0 || maxFileBytes < 1) {
                throw new IllegalArgumentException("options must be positive: " + topFiles + ", " + topMethods
                        + ", " + contextTokens + ", " + contextLines + ", " + maxFileBytes);
            }
            extraExcludes = extraExcludes == null ? List.of() : List.copyOf(extraExcludes);
        }

        public static Options defaults() {
            return new Options(10, 20, 8_000, 3, 512 * 1024, List.of());
        }

        public Options withTopFiles(int n) {
            return new Options(n, topMethods, contextTokens, contextLines, maxFileBytes, extraExcludes);
        }

        public Options withContextTokens(int tokens) {
            return new Options(topFiles, topMethods, tokens, contextLines, maxFileBytes, extraExcludes);
        }
    }
}

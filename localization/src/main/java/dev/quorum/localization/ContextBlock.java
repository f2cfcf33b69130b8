package dev.quorum.localization;

import java.util.List;

/**
 * The top locations rendered for a model: file skeletons (signatures without bodies) and the full bodies of the
 * top methods, with line numbers.
 *
 * @param text            the rendered block
 * @param estimatedTokens its size estimated as characters / 4 (rounded up), the usual rule of thumb for code
 * @param tokenBudget     the budget it was rendered for; {@code estimatedTokens <= tokenBudget}
 * @param paths           files that appear in the block, in order
 */
public record ContextBlock(String text, int estimatedTokens, int tokenBudget, List<String> paths) {
    public ContextBlock {
        paths = List.copyOf(paths);
    }
}

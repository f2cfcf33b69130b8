package dev.quorum.app.github;

import dev.quorum.core.RepoPaths;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Files whose change runs code with the repository's secrets or on its CI machines, rather than changing the
 * program: build files and wrappers ({@link RepoPaths#isBuildFile}, the rule grading uses too), GitHub workflows
 * and settings ({@code .github/**}) and CI scripts ({@code .ci/**}, {@code Jenkinsfile}, {@code .gitlab-ci.yml},
 * {@code .travis.yml}, {@code azure-pipelines.yml}). Matched at any depth: a module's own {@code pom.xml} runs
 * plugins as well. A fix touching one is never pushed silently (see
 * {@link ServerConfig.Policy#allowProtectedChanges()}).
 */
final class ProtectedPaths {
    private static final Set<String> CI_DIRECTORIES = Set.of(".github", ".ci");
    private static final Set<String> CI_FILES = Set.of("Jenkinsfile", ".gitlab-ci.yml", ".travis.yml",
            "azure-pipelines.yml");

    private ProtectedPaths() {
    }

    static boolean isProtected(String path) {
        if (RepoPaths.isBuildFile(path)) {
            return true;
        }
        String[] segments = path.replace('\\', '/').split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (CI_DIRECTORIES.contains(segments[i])) {
                return true;
            }
        }
        return CI_FILES.contains(segments[segments.length - 1]);
    }

    /** The protected ones among {@code paths}, in order. */
    static List<String> among(Collection<String> paths) {
        return paths.stream().filter(ProtectedPaths::isProtected).distinct().toList();
    }
}

package dev.quorum.app.github;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Files whose change runs code with the repository's secrets or on its CI machines, rather than changing the
 * program: GitHub workflows and settings ({@code .github/**}), build files ({@code pom.xml},
 * {@code build.gradle*}, {@code settings.gradle*}), the Maven wrapper ({@code mvnw*}, {@code .mvn/**}) and CI
 * scripts ({@code .ci/**}, {@code Jenkinsfile}, {@code .gitlab-ci.yml}, {@code .travis.yml},
 * {@code azure-pipelines.yml}). Matched at any depth: a module's own {@code pom.xml} runs plugins as well.
 * A fix touching one is never pushed silently (see {@link ServerConfig.Policy#allowProtectedChanges()}).
 */
final class ProtectedPaths {
    private static final Set<String> DIRECTORIES = Set.of(".github", ".mvn", ".ci");
    private static final Set<String> FILES = Set.of("pom.xml", "mvnw", "mvnw.cmd", "Jenkinsfile", ".gitlab-ci.yml",
            ".travis.yml", "azure-pipelines.yml");
    private static final List<String> FILE_PREFIXES = List.of("build.gradle", "settings.gradle");

    private ProtectedPaths() {
    }

    static boolean isProtected(String path) {
        String[] segments = path.replace('\\', '/').split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (DIRECTORIES.contains(segments[i])) {
                return true;
            }
        }
        String name = segments[segments.length - 1];
        return FILES.contains(name) || FILE_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** The protected ones among {@code paths}, in order. */
    static List<String> among(Collection<String> paths) {
        return paths.stream().filter(ProtectedPaths::isProtected).distinct().toList();
    }
}

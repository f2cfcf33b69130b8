package dev.quorum.repair;

import dev.quorum.core.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The repository's main Java sources by their package path and file name ({@code com/acme/Foo.java}), which is how
 * JaCoCo and stack frames name them.
 */
final class SourceIndex {
    private final Map<String, String> pathByKey;

    private SourceIndex(Map<String, String> pathByKey) {
        this.pathByKey = pathByKey;
    }

    static SourceIndex of(Path checkout) {
        Map<String, String> byKey = new HashMap<>();
        try (Stream<Path> files = Files.walk(checkout)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                String rel = checkout.relativize(p).toString().replace('\\', '/');
                int root = rel.indexOf("src/main/java/");
                if (root >= 0 && !RepoPaths.isTestSource(rel) && !rel.contains("/target/")) {
                    byKey.putIfAbsent(rel.substring(root + "src/main/java/".length()), rel);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sources of " + checkout, e);
        }
        return new SourceIndex(byKey);
    }

    /** @param key {@code com/acme/Foo.java} */
    Optional<String> path(String key) {
        return Optional.ofNullable(pathByKey.get(key));
    }

    /** The top-level packages of the main sources, as JaCoCo's {@code includes} (e.g. {@code com.acme.*}). */
    String includes() {
        TreeSet<String> roots = new TreeSet<>();
        for (String key : pathByKey.keySet()) {
            String[] parts = key.split("/");
            roots.add(parts.length > 2 ? parts[0] + "." + parts[1] + ".*" : parts.length == 2 ? parts[0] + ".*" : "*");
        }
        return roots.contains("*") || roots.isEmpty() ? "*" : String.join(":", roots);
    }
}

package dev.quorum.localization;

import dev.quorum.core.RepoPaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every indexed file of one snapshot, with lookups by path and by type name, and for each test file the main
 * files it exercises (by naming convention, {@code FooTest} tests {@code Foo}, and by its imports).
 */
final class CodeIndex {

    private final List<IndexedFile> files;
    private final Map<String, IndexedFile> byPath = new LinkedHashMap<>();
    private final Map<String, String> pathByQualifiedType = new HashMap<>();
    private final Map<String, List<String>> pathsBySimpleType = new HashMap<>();
    private final Map<String, List<String>> exercisedByTest = new HashMap<>();
    private final Map<String, List<Located>> methodsByName = new HashMap<>();
    private final Map<String, List<String>> references = new ConcurrentHashMap<>();
    private static final Pattern CAPITALIZED_IDENTIFIER =
            Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*\\b");

    /** A method with the file that declares it. */
    record Located(String path, IndexedFile.Method method) {
    }

    private CodeIndex(List<IndexedFile> files) {
        this.files = List.copyOf(files);
        for (IndexedFile f : files) {
            byPath.put(f.path(), f);
            for (IndexedFile.Type t : f.types()) {
                pathByQualifiedType.putIfAbsent(t.qualifiedName(), f.path());
                pathsBySimpleType.computeIfAbsent(t.simpleName(), k -> new ArrayList<>()).add(f.path());
            }
            for (IndexedFile.Method m : f.methods()) {
                methodsByName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(new Located(f.path(), m));
            }
        }
        for (IndexedFile f : files) {
            if (f.test() && f.source().isJava()) exercisedByTest.put(f.path(), exercisedBy(f));
        }
    }

    /** Indexes files in parallel; the order of {@code sources} is kept. */
    static CodeIndex build(List<SourceFile> sources) {
        JavaIndexer indexer = new JavaIndexer();
        return new CodeIndex(sources.parallelStream().map(indexer::index).toList());
    }

    List<IndexedFile> files() {
        return files;
    }

    Optional<IndexedFile> file(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** The file declaring a type, given its qualified name ({@code com.acme.Foo}, {@code com.acme.Foo.Inner}). */
    Optional<String> pathOfType(String qualifiedName) {
        return Optional.ofNullable(pathByQualifiedType.get(qualifiedName.replace('$', '.')));
    }

    List<String> pathsOfSimpleType(String simpleName) {
        return pathsBySimpleType.getOrDefault(simpleName, List.of());
    }

    List<Located> methodsNamed(String name) {
        return methodsByName.getOrDefault(name, List.of());
    }

    boolean isKnownSimpleType(String simpleName) {
        return pathsBySimpleType.containsKey(simpleName);
    }

    /** Main files a test file exercises; empty for main files. */
    List<String> exercisedBy(String testPath) {
        return exercisedByTest.getOrDefault(testPath, List.of());
    }

    /**
     * Main files declaring the types a file mentions by simple name (same package, imported, or unambiguous),
     * itself excluded. Computed on demand: only the few top-ranked files ever need it.
     */
    List<String> referencedBy(String path) {
        return references.computeIfAbsent(path, this::findReferences);
    }

    private List<String> findReferences(String path) {
        IndexedFile file = byPath.get(path);
        if (file == null || !file.source().isJava()) return List.of();
        Set<String> own = new HashSet<>();
        file.types().forEach(t -> own.add(t.simpleName()));
        Set<String> imported = new HashSet<>(file.imports());
        Set<String> out = new LinkedHashSet<>();
        Matcher m = CAPITALIZED_IDENTIFIER.matcher(file.source().text());
        Set<String> seen = new HashSet<>();
        while (m.find()) {
            String name = m.group();
            if (own.contains(name) || !seen.add(name)) continue;
            List<String> candidates = pathsOfSimpleType(name).stream().filter(p -> !byPath.get(p).test()).toList();
            List<String> visible = candidates.stream().filter(p -> {
                IndexedFile c = byPath.get(p);
                return c.packageName().equals(file.packageName()) || c.types().stream()
                        .anyMatch(t -> imported.contains(t.qualifiedName())
                                || imported.contains(c.packageName() + ".*"));
            }).toList();
            out.addAll(visible.isEmpty() && candidates.size() == 1 ? candidates : visible);
        }
        out.remove(path);
        return List.copyOf(out);
    }

    List<String> unparsedJavaFiles() {
        return files.stream().filter(f -> f.source().isJava() && !f.parsed()).map(IndexedFile::path).toList();
    }

    private List<String> exercisedBy(IndexedFile test) {
        Set<String> paths = new LinkedHashSet<>();
        String fileName = test.source().fileName();
        String testClass = fileName.substring(0, fileName.length() - ".java".length());
        RepoPaths.testedClassName(testClass).ifPresent(tested -> {
            List<String> candidates = pathsOfSimpleType(tested).stream().filter(p -> !byPath.get(p).test()).toList();
            // Prefer the class in the test's own package; fall back to every class of that name.
            List<String> samePackage = candidates.stream()
                    .filter(p -> byPath.get(p).packageName().equals(test.packageName())).toList();
            paths.addAll(samePackage.isEmpty() ? candidates : samePackage);
        });
        for (String imported : test.imports()) {
            String path = pathByQualifiedType.get(imported);
            if (path != null && !byPath.get(path).test()) paths.add(path);
        }
        return List.copyOf(paths);
    }
}

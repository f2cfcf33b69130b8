package dev.quorum.repair;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's own classes as a template sees them from a file: a simple class name is resolved the way javac
 * does for a top-level type (single-type import, same package, then on-demand imports), and the class's source is
 * parsed once. Enough to offer sibling methods of a project class; anything it cannot resolve is left alone.
 */
final class ProjectTypes {
    private final Path checkout;
    private final SourceIndex sources;
    private final Map<String, Optional<TypeDeclaration<?>>> parsed = new HashMap<>();

    ProjectTypes(Path checkout, SourceIndex sources) {
        this.checkout = checkout;
        this.sources = sources;
    }

    /**
     * The static methods of the project class {@code simpleName} as named in {@code from} that {@code from} may call
     * (public ones, or any but private ones in its own package); empty when the class is unknown.
     */
    List<MethodDeclaration> staticMethods(CompilationUnit from, String simpleName) {
        List<MethodDeclaration> out = new ArrayList<>();
        String pkg = packageOf(from);
        resolve(from, simpleName).ifPresent(type -> type.getMethods().stream()
                .filter(m -> m.isStatic() && (m.isPublic() || !m.isPrivate() && type.findCompilationUnit()
                        .map(ProjectTypes::packageOf).orElse("").equals(pkg)))
                .forEach(out::add));
        return out;
    }

    private static String packageOf(CompilationUnit unit) {
        return unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    }

    private Optional<TypeDeclaration<?>> resolve(CompilationUnit from, String simpleName) {
        String pkg = packageOf(from);
        List<String> candidates = new ArrayList<>();
        for (ImportDeclaration imp : from.getImports()) {
            if (!imp.isStatic() && !imp.isAsterisk() && imp.getName().getIdentifier().equals(simpleName)) {
                candidates.add(imp.getNameAsString());
            }
        }
        candidates.add(pkg.isEmpty() ? simpleName : pkg + "." + simpleName);
        for (ImportDeclaration imp : from.getImports()) {
            if (!imp.isStatic() && imp.isAsterisk()) {
                candidates.add(imp.getNameAsString() + "." + simpleName);
            }
        }
        for (String qualified : candidates) {
            Optional<String> path = sources.path(qualified.replace('.', '/') + ".java");
            if (path.isPresent()) {
                return parsed.computeIfAbsent(path.get(), p -> parse(p, simpleName));
            }
        }
        return Optional.empty();
    }

    private Optional<TypeDeclaration<?>> parse(String path, String simpleName) {
        String text;
        try {
            text = Files.readString(checkout.resolve(path), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return Sites.parse(text).flatMap(unit -> unit.getTypes().stream()
                .filter(t -> t.getNameAsString().equals(simpleName)).findFirst()).map(t -> (TypeDeclaration<?>) t);
    }
}

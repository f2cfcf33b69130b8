package dev.quorum.localization;

import java.util.List;
import java.util.Optional;

/**
 * What the index knows about one file. Java files that parse carry their full structure; Java files that do not
 * parse carry what a textual scan found ({@link #parseProblem} says why); other files carry only their text.
 *
 * @param bodies       lines inside method, constructor and initializer bodies: a skeleton shows a marker instead
 * @param comments     lines holding nothing but a comment: a skeleton drops them silently
 * @param test         test code (under a test source root, or named like a test)
 * @param parseProblem {@code null} when JavaParser parsed the file
 */
record IndexedFile(SourceFile source, String packageName, List<String> imports, List<Type> types,
                   List<Method> methods, List<Field> fields, List<LineRange> bodies, List<LineRange> comments, boolean test,
                   String parseProblem) {

    IndexedFile {
        imports = List.copyOf(imports);
        types = List.copyOf(types);
        methods = List.copyOf(methods);
        fields = List.copyOf(fields);
        bodies = List.copyOf(bodies);
        comments = List.copyOf(comments);
    }

    String path() {
        return source.path();
    }

    boolean parsed() {
        return parseProblem == null;
    }

    /** The innermost method whose lines hold {@code line}, if any. */
    Optional<Method> methodAt(int line) {
        Method best = null;
        for (Method m : methods) {
            if (m.lines().contains(line) && (best == null || m.lines().length() < best.lines().length())) best = m;
        }
        return Optional.ofNullable(best);
    }

    /** A declared class, interface, enum, record or annotation; nested types are named {@code Outer.Inner}. */
    record Type(String simpleName, String qualifiedName, String kind, LineRange lines) {
    }

    /**
     * A method or constructor.
     *
     * @param owner     qualified name of the declaring type
     * @param name      the method name, {@code <init>} for a constructor
     * @param signature as declared, without modifiers and body: {@code int bar(String s)}
     * @param params    parameter types only, for the member id: {@code String, int}
     */
    record Method(String owner, String name, String signature, String params, LineRange lines) {
        String memberId() {
            return owner + "#" + name + "(" + params + ")";
        }

        String simpleOwner() {
            return owner.substring(owner.lastIndexOf('.') + 1);
        }
    }

    record Field(String owner, String name, String type, LineRange lines) {
    }
}

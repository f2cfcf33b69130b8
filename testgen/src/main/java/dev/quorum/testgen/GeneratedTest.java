package dev.quorum.testgen;

import dev.quorum.core.Patch;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test class the model wrote: where it goes and what it says. */
record GeneratedTest(String packageName, String className, String source) {
    private static final Pattern CODE_BLOCK = Pattern.compile("```(?:java)?\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern CLASS = Pattern.compile("(?m)^\\s*(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");

    /** The first Java code block of an answer (or the answer itself when it is bare code), if it holds a class. */
    static Optional<GeneratedTest> parse(String answer) {
        Matcher block = CODE_BLOCK.matcher(answer);
        String code = block.find() ? block.group(1) : answer;
        Matcher cls = CLASS.matcher(code);
        if (!cls.find()) {
            return Optional.empty();
        }
        Matcher pkg = PACKAGE.matcher(code);
        return Optional.of(new GeneratedTest(pkg.find() ? pkg.group(1) : "", cls.group(1), code.strip() + "\n"));
    }

    String qualifiedName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }

    /** Where Maven looks for it, under the module the build hints name (if any). */
    String path(String module) {
        String prefix = module == null || module.isBlank() ? "" : module.replaceAll("/+$", "") + "/";
        return prefix + "src/test/java/" + qualifiedName().replace('.', '/') + ".java";
    }

    /** The same test under another class name (when its name is taken by an existing or another new test). */
    GeneratedTest renamed(String newName) {
        return new GeneratedTest(packageName, newName, source.replaceAll("\\b" + Pattern.quote(className) + "\\b", newName));
    }

    /** A diff that adds this file: what selection applies next to a candidate patch. */
    Patch asPatch(String module) {
        return Patch.newFile(path(module), source);
    }
}

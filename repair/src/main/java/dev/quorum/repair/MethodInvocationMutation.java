package dev.quorum.repair;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A method call's name replaced by a sibling method with as many parameters and the same return type: methods of
 * the enclosing class for unqualified calls, and methods of a JDK type (by reflection) for calls on a variable of
 * that type ({@code s.indexOf(c)} → {@code s.lastIndexOf(c)}) or static ones of a JDK class ({@code Math.max} →
 * {@code Math.min}). Static calls on a project class get that class's static methods with the same parameter types,
 * whatever they return ({@code DurationUtils.toMillisInt(d)} → {@code toMillisLong(d)}): the compiler rejects the
 * ones that do not fit. Per call, the siblings whose names share the most with the called one are tried first, and
 * only the closest few (a utility class has dozens of methods of one shape); a name with one word swapped for its
 * opposite ({@code min} ↔ {@code max}, {@code first} ↔ {@code last}) is closest of all.
 */
final class MethodInvocationMutation implements FixTemplate {
    private static final List<String> JDK_PACKAGES = List.of("java.lang.", "java.util.", "java.math.");
    private static final int SIBLINGS_PER_CALL = 8;
    private static final List<List<String>> OPPOSITES = List.of(List.of("min", "max"), List.of("first", "last"),
            List.of("floor", "ceil"), List.of("upper", "lower"), List.of("start", "end"), List.of("begin", "end"),
            List.of("before", "after"), List.of("left", "right"), List.of("prefix", "suffix"), List.of("head", "tail"),
            List.of("next", "previous"), List.of("add", "remove"), List.of("int", "long"), List.of("get", "set"),
            List.of("true", "false"), List.of("all", "any"));

    @Override
    public String name() {
        return "method-invocation-mutation";
    }

    @Override
    public List<Edit> edits(Site site) {
        Map<String, String> vars = site.variables();
        List<Edit> edits = new ArrayList<>();
        for (MethodCallExpr call : site.all(MethodCallExpr.class)) {
            int arity = call.getArguments().size();
            Set<String> siblings = new LinkedHashSet<>();
            Optional<Expression> scope = call.getScope();
            if (scope.isEmpty() || scope.get().isThisExpr()) {
                String returns = site.siblingMethods().stream()
                        .filter(m -> m.getNameAsString().equals(call.getNameAsString())
                                && m.getParameters().size() == arity)
                        .map(m -> m.getType().asString()).findFirst().orElse(null);
                for (MethodDeclaration m : site.siblingMethods()) {
                    boolean sameReturn = returns == null || m.getType().asString().equals(returns);
                    if (m.getParameters().size() == arity && sameReturn) {
                        siblings.add(m.getNameAsString());
                    }
                }
            } else if (scope.get().isNameExpr() && vars.containsKey(scope.get().asNameExpr().getNameAsString())) {
                jdkType(vars.get(scope.get().asNameExpr().getNameAsString()))
                        .ifPresent(type -> siblings.addAll(jdkSiblings(type, call.getNameAsString(), arity, false)));
            } else if (scope.get().isNameExpr() && Character.isUpperCase(scope.get().asNameExpr().getNameAsString()
                    .charAt(0))) {
                String className = scope.get().asNameExpr().getNameAsString();
                List<MethodDeclaration> project = site.staticMethodsOf(className);
                if (!project.isEmpty()) {
                    siblings.addAll(sameParameters(project, call.getNameAsString(), arity));
                } else {
                    // Math.max(a, b) → Math.min(a, b): static methods of a JDK class named by the call.
                    jdkType(className).ifPresent(type -> siblings.addAll(jdkSiblings(type, call.getNameAsString(),
                            arity, true)));
                }
            }
            siblings.remove(call.getNameAsString());
            String called = call.getNameAsString();
            siblings.stream().sorted(Comparator.comparing((String s) -> !isAntonym(s, called))
                            .thenComparingInt(s -> -sharedRun(s, called)).thenComparing(s -> s))
                    .limit(SIBLINGS_PER_CALL)
                    .forEach(sibling -> edits.add(site.replace(name(), call.getName(), sibling)));
        }
        return edits;
    }

    /** Methods with the parameter types of the called one (as declared), by name. */
    private static Set<String> sameParameters(List<MethodDeclaration> methods, String called, int arity) {
        Set<List<String>> shapes = new LinkedHashSet<>();
        methods.stream().filter(m -> m.getNameAsString().equals(called) && m.getParameters().size() == arity)
                .forEach(m -> shapes.add(parameterTypes(m)));
        Set<String> out = new LinkedHashSet<>();
        methods.stream().filter(m -> shapes.contains(parameterTypes(m))).forEach(m -> out.add(m.getNameAsString()));
        return out;
    }

    private static List<String> parameterTypes(MethodDeclaration m) {
        return m.getParameters().stream().map(p -> p.getType().asString()).toList();
    }

    /** {@code a} is {@code b} with one word swapped for its opposite: {@code max}/{@code min}, {@code getLast}. */
    private static boolean isAntonym(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        for (List<String> pair : OPPOSITES) {
            for (int i = 0; i < 2; i++) {
                String word = pair.get(i);
                String opposite = pair.get(1 - i);
                for (int at = y.indexOf(word); at >= 0; at = y.indexOf(word, at + 1)) {
                    if (x.equals(y.substring(0, at) + opposite + y.substring(at + word.length()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The longest run of characters two names share, ignoring case ({@code indexOf} and {@code lastIndexOf}: 7). */
    private static int sharedRun(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int best = 0;
        for (int i = 0; i < x.length(); i++) {
            for (int j = 0; j < y.length(); j++) {
                int k = 0;
                while (i + k < x.length() && j + k < y.length() && x.charAt(i + k) == y.charAt(j + k)) {
                    k++;
                }
                best = Math.max(best, k);
            }
        }
        return best;
    }

    private static Optional<Class<?>> jdkType(String declared) {
        String raw = declared.replaceAll("<.*", "").strip();
        for (String pkg : JDK_PACKAGES) {
            try {
                return Optional.of(Class.forName(raw.contains(".") ? raw : pkg + raw));
            } catch (ClassNotFoundException | LinkageError notThere) {
                // try the next package
            }
        }
        return Optional.empty();
    }

    private static Set<String> jdkSiblings(Class<?> type, String name, int arity, boolean statics) {
        Set<Class<?>> returns = new LinkedHashSet<>();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity) {
                returns.add(m.getReturnType());
            }
        }
        Set<String> siblings = new LinkedHashSet<>();
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == arity && Modifier.isStatic(m.getModifiers()) == statics
                    && m.getDeclaringClass() != Object.class && returns.contains(m.getReturnType())) {
                siblings.add(m.getName());
            }
        }
        return siblings;
    }
}

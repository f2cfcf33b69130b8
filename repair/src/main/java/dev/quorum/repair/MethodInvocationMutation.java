package dev.quorum.repair;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A method call's name replaced by a sibling method with as many parameters and the same return type: methods of
 * the enclosing class for unqualified calls, and methods of a JDK type (by reflection) for calls on a variable of
 * that type ({@code s.indexOf(c)} → {@code s.lastIndexOf(c)}) or static ones of a JDK class ({@code Math.max} →
 * {@code Math.min}).
 */
final class MethodInvocationMutation implements FixTemplate {
    private static final List<String> JDK_PACKAGES = List.of("java.lang.", "java.util.", "java.math.");

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
                    if (m.getParameters().size() == arity && (returns == null || m.getType().asString().equals(returns))) {
                        siblings.add(m.getNameAsString());
                    }
                }
            } else if (scope.get().isNameExpr() && vars.containsKey(scope.get().asNameExpr().getNameAsString())) {
                jdkType(vars.get(scope.get().asNameExpr().getNameAsString()))
                        .ifPresent(type -> siblings.addAll(jdkSiblings(type, call.getNameAsString(), arity, false)));
            } else if (scope.get().isNameExpr() && Character.isUpperCase(scope.get().asNameExpr().getNameAsString()
                    .charAt(0))) {
                // Math.max(a, b) → Math.min(a, b): static methods of a JDK class named by the call.
                jdkType(scope.get().asNameExpr().getNameAsString())
                        .ifPresent(type -> siblings.addAll(jdkSiblings(type, call.getNameAsString(), arity, true)));
            }
            siblings.remove(call.getNameAsString());
            for (String sibling : siblings) {
                edits.add(site.replace(name(), call.getName(), sibling));
            }
        }
        return edits;
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

package dev.quorum.repair;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A variable or a getter's result dereferenced in the statement ({@code v.m()}, {@code v.f}, {@code getV().m()})
 * guarded against null: the statement is
 * skipped when it is null, or the method returns its zero value (or returns, for {@code void}) before it.
 */
final class NullCheckInsertion implements FixTemplate {

    @Override
    public String name() {
        return "null-check-insertion";
    }

    @Override
    public List<Edit> edits(Site site) {
        Map<String, String> vars = site.variables();
        Set<String> dereferenced = new LinkedHashSet<>();
        for (MethodCallExpr call : site.all(MethodCallExpr.class)) {
            variable(call.getScope(), vars).ifPresent(dereferenced::add);
        }
        for (FieldAccessExpr access : site.all(FieldAccessExpr.class)) {
            variable(Optional.of(access.getScope()), vars).ifPresent(dereferenced::add);
        }
        for (MethodCallExpr call : site.all(MethodCallExpr.class)) {
            getter(call.getScope(), site).ifPresent(dereferenced::add);
        }
        List<Edit> edits = new ArrayList<>();
        for (String v : dereferenced) {
            edits.addAll(site.guards(name(), v + " != null", v + " == null"));
        }
        return edits;
    }

    /**
     * An unqualified call without arguments of a sibling method that returns a reference ({@code getStop().m()}), as
     * its text: such getters return null as often as fields hold it, and calling one twice is harmless.
     */
    private static Optional<String> getter(Optional<Expression> scope, Site site) {
        return scope.filter(Expression::isMethodCallExpr).map(Expression::asMethodCallExpr)
                .filter(call -> call.getScope().isEmpty() && call.getArguments().isEmpty())
                .filter(call -> site.siblingMethods().stream().anyMatch(m -> m.getNameAsString()
                        .equals(call.getNameAsString()) && m.getParameters().isEmpty()
                        && !m.getType().isPrimitiveType() && !m.getType().isVoidType()))
                .map(call -> call.getNameAsString() + "()");
    }

    /** A variable in scope of a reference type (primitives cannot be null). */
    private static Optional<String> variable(Optional<Expression> scope, Map<String, String> vars) {
        return scope.filter(Expression::isNameExpr).map(e -> ((NameExpr) e).getNameAsString())
                .filter(vars::containsKey)
                .filter(name -> !Site.defaultValue(vars.get(name)).equals("0") && !vars.get(name).equals("boolean")
                        && !vars.get(name).equals("char"));
    }
}

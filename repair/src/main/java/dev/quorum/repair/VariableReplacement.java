package dev.quorum.repair;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A variable read in the statement replaced by another variable in scope with the same declared type, or, where it
 * is passed to a parameter declared {@code Object}, by another parameter of the enclosing method.
 */
final class VariableReplacement implements FixTemplate {

    @Override
    public String name() {
        return "variable-replacement";
    }

    @Override
    public List<Edit> edits(Site site) {
        Map<String, String> vars = site.variables();
        List<Edit> edits = new ArrayList<>();
        for (NameExpr use : site.all(NameExpr.class)) {
            String name = use.getNameAsString();
            String type = vars.get(name);
            boolean assigned = use.getParentNode().filter(p -> p instanceof AssignExpr a && a.getTarget() == use)
                    .isPresent();
            boolean methodScope = use.getParentNode().filter(p -> p instanceof MethodCallExpr m
                    && m.getScope().filter(s -> s == use).isPresent()).isPresent();
            if (type == null || assigned || (methodScope && Character.isUpperCase(name.charAt(0)))) {
                continue;
            }
            vars.forEach((other, otherType) -> {
                if (!other.equals(name) && otherType.equals(type)) {
                    edits.add(site.replace(name(), use, other));
                }
            });
            if (!type.equals("Object") && isObjectArgument(site, use)) {
                // Any reference fits a parameter declared Object (Validate.notNull(value, "stream")); the values the
                // method was given are the likely ones.
                site.referenceParameters().stream().filter(p -> !p.equals(name) && !vars.get(p).equals(type))
                        .forEach(p -> edits.add(site.replace(name(), use, p)));
            }
        }
        return edits;
    }

    private static boolean isObjectArgument(Site site, NameExpr use) {
        if (!(use.getParentNode().orElse(null) instanceof MethodCallExpr call)) {
            return false;
        }
        for (int i = 0; i < call.getArguments().size(); i++) {
            if (call.getArgument(i) == use) { // by identity: equal arguments may repeat
                return site.parameterType(call, i).filter(t -> t.equals("Object")).isPresent();
            }
        }
        return false; // the call's scope, not an argument
    }
}

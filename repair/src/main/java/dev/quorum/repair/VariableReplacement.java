package dev.quorum.repair;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A variable read in the statement replaced by another variable in scope with the same declared type. */
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
        }
        return edits;
    }
}

package dev.quorum.repair;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.ReturnStmt;
import java.util.ArrayList;
import java.util.List;

/**
 * A returned value changed: a boolean result negated, a reference result replaced by {@code null}, and a returned
 * {@code null} replaced by a constant of the return type the class declares ({@code return null} →
 * {@code return EMPTY}).
 */
final class ReturnMutation implements FixTemplate {

    @Override
    public String name() {
        return "return-mutation";
    }

    @Override
    public List<Edit> edits(Site site) {
        List<Edit> edits = new ArrayList<>();
        if (!(site.statement() instanceof ReturnStmt ret) || ret.getExpression().isEmpty()) {
            return edits;
        }
        Expression value = ret.getExpression().get();
        String type = site.returnType();
        if (type.equals("boolean") || type.equals("Boolean")) {
            if (!value.isBooleanLiteralExpr()) {
                edits.add(site.replace(name(), value, "!(" + site.textOf(value) + ")"));
            }
        } else if (value.isNullLiteralExpr()) {
            site.constantsOf(type).forEach(constant -> edits.add(site.replace(name(), value, constant)));
        } else if (Site.defaultValue(type).equals("null")) {
            edits.add(site.replace(name(), value, "null"));
        }
        return edits;
    }
}

package dev.quorum.repair;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.ArrayList;
import java.util.List;

/** A branch or loop condition negated, or reduced to one side of its {@code &&} / {@code ||}. */
final class ConditionChange implements FixTemplate {

    @Override
    public String name() {
        return "condition-change";
    }

    @Override
    public List<Edit> edits(Site site) {
        List<Edit> edits = new ArrayList<>();
        if (!site.isHeaderOnly()) {
            return edits;
        }
        for (Expression condition : site.all(Expression.class)) {
            if (condition.getParentNode().filter(p -> p instanceof Expression).isPresent()) {
                continue; // only the whole header expression
            }
            if (condition instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
                edits.add(site.replace(name(), condition, site.textOf(u.getExpression())));
            } else {
                edits.add(site.replace(name(), condition, "!(" + site.textOf(condition) + ")"));
            }
            if (condition instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.AND
                    || b.getOperator() == BinaryExpr.Operator.OR)) {
                edits.add(site.replace(name(), condition, site.textOf(b.getLeft())));
                edits.add(site.replace(name(), condition, site.textOf(b.getRight())));
            }
        }
        return edits;
    }
}

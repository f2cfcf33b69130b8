package dev.quorum.repair;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A branch or loop condition negated, or reduced to one side of its {@code &&} / {@code ||}; and, in any statement,
 * a mix of {@code &&} and {@code ||} grouped the other way ({@code a && b || c} → {@code a && (b || c)}): the
 * precedence slip behind many wrong conditions.
 */
final class ConditionChange implements FixTemplate {

    @Override
    public String name() {
        return "condition-change";
    }

    @Override
    public List<Edit> edits(Site site) {
        List<Edit> edits = new ArrayList<>();
        for (BinaryExpr mixed : site.all(BinaryExpr.class)) {
            regroup(site, mixed).ifPresent(edits::add);
        }
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

    /** {@code (a && b) || c} → {@code a && (b || c)}, and {@code a || (b && c)} → {@code (a || b) && c}. */
    private Optional<Edit> regroup(Site site, BinaryExpr outer) {
        if (outer.getOperator() == BinaryExpr.Operator.OR && outer.getLeft() instanceof BinaryExpr left
                && left.getOperator() == BinaryExpr.Operator.AND) {
            return Optional.of(site.replace(name(), outer, site.textOf(left.getLeft()) + " && ("
                    + site.textOf(left.getRight()) + " || " + site.textOf(outer.getRight()) + ")"));
        }
        if (outer.getOperator() == BinaryExpr.Operator.OR && outer.getRight() instanceof BinaryExpr right
                && right.getOperator() == BinaryExpr.Operator.AND) {
            return Optional.of(site.replace(name(), outer, "(" + site.textOf(outer.getLeft()) + " || "
                    + site.textOf(right.getLeft()) + ") && " + site.textOf(right.getRight())));
        }
        return Optional.empty();
    }
}

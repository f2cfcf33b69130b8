package dev.quorum.repair;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An index, bound or argument moved by one: {@code e} → {@code e + 1} / {@code e - 1} for operands of comparisons,
 * array indexes and method arguments (the relational {@code <} ↔ {@code <=} case is operator mutation's).
 */
final class OffByOne implements FixTemplate {

    @Override
    public String name() {
        return "off-by-one";
    }

    @Override
    public List<Edit> edits(Site site) {
        Set<Expression> targets = new LinkedHashSet<>();
        for (BinaryExpr b : site.all(BinaryExpr.class)) {
            if (isComparison(b.getOperator())) {
                targets.add(b.getLeft());
                targets.add(b.getRight());
            }
        }
        for (ArrayAccessExpr a : site.all(ArrayAccessExpr.class)) {
            targets.add(a.getIndex());
        }
        for (MethodCallExpr call : site.all(MethodCallExpr.class)) {
            targets.addAll(call.getArguments());
        }
        List<Edit> edits = new ArrayList<>();
        for (Expression e : targets) {
            if (e.isNullLiteralExpr() || e.isStringLiteralExpr() || e.isBooleanLiteralExpr() || e.isLambdaExpr()
                    || e.isIntegerLiteralExpr() || e.isObjectCreationExpr()) {
                continue; // literals are literal mutation's; the rest is not a number
            }
            String operand = e.isNameExpr() || e.isMethodCallExpr() || e.isFieldAccessExpr() || e.isArrayAccessExpr()
                    ? site.textOf(e) : "(" + site.textOf(e) + ")";
            edits.add(site.replace(name(), e, operand + " + 1"));
            edits.add(site.replace(name(), e, operand + " - 1"));
        }
        return edits;
    }

    private static boolean isComparison(BinaryExpr.Operator op) {
        return op == BinaryExpr.Operator.LESS || op == BinaryExpr.Operator.LESS_EQUALS
                || op == BinaryExpr.Operator.GREATER || op == BinaryExpr.Operator.GREATER_EQUALS;
    }
}

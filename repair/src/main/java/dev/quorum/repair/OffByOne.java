package dev.quorum.repair;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An index, bound or argument moved by one: {@code e} → {@code e + 1} / {@code e - 1} for operands of comparisons,
 * array indexes and method arguments (the relational {@code <} ↔ {@code <=} case is operator mutation's).
 */
final class OffByOne implements FixTemplate {
    private static final Set<String> NUMBERS = Set.of("int", "long", "short", "byte", "char", "double", "float",
            "Integer", "Long", "Short", "Byte", "Character", "Double", "Float");

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
        Map<String, String> vars = site.variables();
        List<Edit> edits = new ArrayList<>();
        for (Expression e : targets) {
            if (e.isNullLiteralExpr() || e.isStringLiteralExpr() || e.isBooleanLiteralExpr() || e.isLambdaExpr()
                    || e.isIntegerLiteralExpr() || e.isObjectCreationExpr()) {
                continue; // literals are literal mutation's; the rest is not a number
            }
            if (e.isNameExpr() && vars.containsKey(e.asNameExpr().getNameAsString())
                    && !NUMBERS.contains(vars.get(e.asNameExpr().getNameAsString()))) {
                continue; // a String, a list, ...: + 1 is no boundary there
            }
            edits.add(site.replace(name(), e, moved(site, e, 1)));
            edits.add(site.replace(name(), e, moved(site, e, -1)));
        }
        return edits;
    }

    /**
     * {@code e} moved by {@code delta}, folded into a literal offset it already has, as a developer writes it:
     * {@code size - 1} moved by +1 is {@code size}, not {@code (size - 1) + 1}.
     */
    private static String moved(Site site, Expression e, int delta) {
        if (e instanceof BinaryExpr b && b.getRight().isIntegerLiteralExpr()
                && (b.getOperator() == BinaryExpr.Operator.PLUS || b.getOperator() == BinaryExpr.Operator.MINUS)) {
            try {
                int offset = b.getRight().asIntegerLiteralExpr().asNumber().intValue();
                int folded = (b.getOperator() == BinaryExpr.Operator.PLUS ? offset : -offset) + delta;
                String base = site.textOf(b.getLeft());
                return folded == 0 ? base : base + (folded > 0 ? " + " : " - ") + Math.abs(folded);
            } catch (NumberFormatException tooBig) {
                // fall through to the plain form
            }
        }
        String operand = e.isNameExpr() || e.isMethodCallExpr() || e.isFieldAccessExpr() || e.isArrayAccessExpr()
                ? site.textOf(e) : "(" + site.textOf(e) + ")";
        return operand + (delta > 0 ? " + " : " - ") + Math.abs(delta);
    }

    private static boolean isComparison(BinaryExpr.Operator op) {
        return op == BinaryExpr.Operator.LESS || op == BinaryExpr.Operator.LESS_EQUALS
                || op == BinaryExpr.Operator.GREATER || op == BinaryExpr.Operator.GREATER_EQUALS;
    }
}

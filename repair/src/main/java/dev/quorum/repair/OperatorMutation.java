package dev.quorum.repair;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import java.util.ArrayList;
import java.util.List;

/** Relational, arithmetic and logical operators replaced by their siblings ({@code <} ↔ {@code <=}, {@code +} ↔ {@code -}, ...). */
final class OperatorMutation implements FixTemplate {
    private static final List<List<Operator>> FAMILIES = List.of(
            List.of(Operator.LESS, Operator.LESS_EQUALS, Operator.GREATER, Operator.GREATER_EQUALS),
            List.of(Operator.EQUALS, Operator.NOT_EQUALS),
            List.of(Operator.PLUS, Operator.MINUS, Operator.MULTIPLY, Operator.DIVIDE, Operator.REMAINDER),
            List.of(Operator.AND, Operator.OR),
            List.of(Operator.BINARY_AND, Operator.BINARY_OR, Operator.XOR));

    @Override
    public String name() {
        return "operator-mutation";
    }

    @Override
    public List<Edit> edits(Site site) {
        List<Edit> edits = new ArrayList<>();
        for (BinaryExpr binary : site.all(BinaryExpr.class)) {
            for (List<Operator> family : FAMILIES) {
                if (!family.contains(binary.getOperator())) {
                    continue;
                }
                for (Operator other : family) {
                    if (other != binary.getOperator() && !degenerate(other, binary)) {
                        edits.add(site.replace(name(), binary, site.textOf(binary.getLeft()) + " "
                                + other.asString() + " " + site.textOf(binary.getRight())));
                    }
                }
            }
        }
        return edits;
    }

    /**
     * {@code x * 1}, {@code x / 1}, {@code x % 1} (x or 0 in disguise) and {@code x * 0}, {@code x / 0}, {@code x % 0}:
     * an edit no developer writes, which can still pass a weak test (commons-lang 35d652e9 chose {@code len + 1} →
     * {@code len % 1}).
     */
    private static boolean degenerate(Operator other, BinaryExpr binary) {
        boolean multiplicative = other == Operator.MULTIPLY || other == Operator.DIVIDE || other == Operator.REMAINDER;
        return multiplicative && binary.getRight().isIntegerLiteralExpr()
                && List.of("0", "1").contains(binary.getRight().asIntegerLiteralExpr().getValue());
    }
}

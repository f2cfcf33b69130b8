package dev.quorum.repair;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Relational, arithmetic and logical operators replaced by their siblings ({@code <} ↔ {@code <=}, {@code +} ↔
 * {@code -}, ...), compound assignments too ({@code +=} ↔ {@code -=}); and a compound assignment whose value is read
 * turned into its operator alone ({@code (flags &= MASK) != 0} → {@code (flags & MASK) != 0}): a test that writes
 * the variable it means to read.
 */
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
                    if (other != binary.getOperator() && !degenerate(other, binary.getRight())) {
                        edits.add(site.replace(name(), binary, site.textOf(binary.getLeft()) + " "
                                + other.asString() + " " + site.textOf(binary.getRight())));
                    }
                }
            }
        }
        for (AssignExpr assign : site.all(AssignExpr.class)) {
            Optional<Operator> operator = assign.getOperator().toBinaryOperator();
            if (operator.isEmpty()) {
                continue;
            }
            String target = site.textOf(assign.getTarget());
            String value = site.textOf(assign.getValue());
            if (assign.getParentNode().filter(p -> p instanceof Expression).isPresent()) {
                edits.add(site.replace(name(), assign, target + " " + operator.get().asString() + " " + value));
            }
            for (List<Operator> family : FAMILIES) {
                if (family.contains(operator.get())) {
                    for (Operator other : family) {
                        Optional<AssignExpr.Operator> compound = other.toAssignOperator();
                        if (other != operator.get() && compound.isPresent() && !degenerate(other, assign.getValue())) {
                            edits.add(site.replace(name(), assign, target + " " + compound.get().asString() + " "
                                    + value));
                        }
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
    private static boolean degenerate(Operator other, Expression right) {
        boolean multiplicative = other == Operator.MULTIPLY || other == Operator.DIVIDE || other == Operator.REMAINDER;
        return multiplicative && right.isIntegerLiteralExpr()
                && List.of("0", "1").contains(right.asIntegerLiteralExpr().getValue());
    }
}

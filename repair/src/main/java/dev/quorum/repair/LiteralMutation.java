package dev.quorum.repair;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Integer literals moved by one or set to zero; boolean literals flipped. */
final class LiteralMutation implements FixTemplate {

    @Override
    public String name() {
        return "literal-mutation";
    }

    @Override
    public List<Edit> edits(Site site) {
        List<Edit> edits = new ArrayList<>();
        for (IntegerLiteralExpr literal : site.all(IntegerLiteralExpr.class)) {
            int value;
            try {
                value = literal.asNumber().intValue();
            } catch (NumberFormatException tooBig) {
                continue;
            }
            Set<Integer> others = new LinkedHashSet<>(List.of(value + 1, value - 1, 0));
            others.remove(value);
            others.removeIf(v -> v < 0); // a minus sign is a unary expression around the literal
            if (isAddend(literal)) {
                others.remove(0); // x + 0 is x in disguise: off-by-one writes x itself
            }
            for (int other : others) {
                edits.add(site.replace(name(), literal, Integer.toString(other)));
            }
        }
        for (BooleanLiteralExpr literal : site.all(BooleanLiteralExpr.class)) {
            edits.add(site.replace(name(), literal, Boolean.toString(!literal.getValue())));
        }
        return edits;
    }

    private static boolean isAddend(IntegerLiteralExpr literal) {
        return literal.getParentNode().filter(p -> p instanceof BinaryExpr b && b.getRight() == literal
                && (b.getOperator() == BinaryExpr.Operator.PLUS || b.getOperator() == BinaryExpr.Operator.MINUS))
                .isPresent();
    }
}

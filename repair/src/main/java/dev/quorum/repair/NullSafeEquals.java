package dev.quorum.repair;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code a.equals(b)} made null-safe as {@code Objects.equals(a, b)}: the null-pointer fix of an equality test, which
 * a null check before the statement cannot express when null is a legal value to compare.
 */
final class NullSafeEquals implements FixTemplate {

    @Override
    public String name() {
        return "null-safe-equals";
    }

    @Override
    public List<Edit> edits(Site site) {
        List<Edit> edits = new ArrayList<>();
        for (MethodCallExpr call : site.all(MethodCallExpr.class)) {
            if (!call.getNameAsString().equals("equals") || call.getArguments().size() != 1
                    || call.getScope().isEmpty()) {
                continue;
            }
            Expression receiver = call.getScope().get();
            boolean className = receiver.isNameExpr()
                    && Character.isUpperCase(receiver.asNameExpr().getNameAsString().charAt(0));
            if (receiver.isThisExpr() || receiver.isSuperExpr() || receiver.isLiteralExpr() || className) {
                continue; // never null, or a class name
            }
            edits.add(site.replace(name(), call, site.nameOf(Objects.class) + ".equals(" + site.textOf(receiver)
                    + ", " + site.textOf(call.getArgument(0)) + ")"));
        }
        return edits;
    }
}

package dev.quorum.repair;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An index guarded against its bounds (TBar's range checker): before {@code a[i]}, {@code s.charAt(i)} or
 * {@code list.get(i)} the method returns its zero value when {@code i} is out of range, or the statement runs only
 * when it is in range. Only for a side-effect-free index and container, which the guard evaluates once more.
 */
final class RangeCheck implements FixTemplate {
    private static final Set<String> SIZED_BY_LENGTH = Set.of("String", "CharSequence", "StringBuilder",
            "StringBuffer");
    private static final Set<String> SIZED_BY_SIZE = Set.of("List", "ArrayList", "LinkedList");

    @Override
    public String name() {
        return "range-check";
    }

    @Override
    public List<Edit> edits(Site site) {
        Map<String, String> vars = site.variables();
        Set<String> inRange = new LinkedHashSet<>();
        for (ArrayAccessExpr access : site.all(ArrayAccessExpr.class)) {
            if (isPlain(access.getName()) && isPlain(access.getIndex())) {
                inRange.add(condition(site.textOf(access.getIndex()), site.textOf(access.getName()) + ".length"));
            }
        }
        for (MethodCallExpr call : site.all(MethodCallExpr.class)) {
            if (call.getArguments().size() != 1 || call.getScope().filter(Expression::isNameExpr).isEmpty()
                    || !isPlain(call.getArgument(0))) {
                continue;
            }
            String container = call.getScope().get().asNameExpr().getNameAsString();
            String type = vars.getOrDefault(container, "").replaceAll("<.*", "").replaceAll(".*\\.", "");
            String index = site.textOf(call.getArgument(0));
            if (call.getNameAsString().equals("charAt") && SIZED_BY_LENGTH.contains(type)) {
                inRange.add(condition(index, container + ".length()"));
            } else if (call.getNameAsString().equals("get") && SIZED_BY_SIZE.contains(type)) {
                inRange.add(condition(index, container + ".size()"));
            }
        }
        List<Edit> edits = new ArrayList<>();
        for (String condition : inRange) {
            edits.addAll(site.guards(name(), condition, "!(" + condition + ")"));
        }
        return edits;
    }

    /** {@code 0 <= i && i < size}, shortened where the index is a literal. */
    private static String condition(String index, String size) {
        return index.matches("\\d+") ? index + " < " + size : "0 <= " + index + " && " + index + " < " + size;
    }

    /** Names, literals and arithmetic over them: evaluating one again changes nothing. */
    private static boolean isPlain(Expression e) {
        if (e.isNameExpr() || e.isIntegerLiteralExpr() || e.isFieldAccessExpr() && isPlain(e.asFieldAccessExpr()
                .getScope()) || e.isThisExpr()) {
            return true;
        }
        if (e.isBinaryExpr()) {
            return isPlain(e.asBinaryExpr().getLeft()) && isPlain(e.asBinaryExpr().getRight());
        }
        if (e.isEnclosedExpr()) {
            return isPlain(e.asEnclosedExpr().getInner());
        }
        // s.length() - 1: a length is side-effect free
        return e.isMethodCallExpr() && e.asMethodCallExpr().getArguments().isEmpty()
                && List.of("length", "size").contains(e.asMethodCallExpr().getNameAsString())
                && e.asMethodCallExpr().getScope().map(RangeCheck::isPlain).orElse(false);
    }
}

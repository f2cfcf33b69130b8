package dev.quorum.repair;

import com.github.javaparser.ast.expr.CastExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cast of a variable guarded by its type (TBar's class-cast checker): before {@code (T) v} the method returns its
 * zero value unless {@code v instanceof T}, or the statement runs only when it is one.
 */
final class CastCheck implements FixTemplate {

    @Override
    public String name() {
        return "cast-check";
    }

    @Override
    public List<Edit> edits(Site site) {
        Set<String> checks = new LinkedHashSet<>();
        for (CastExpr cast : site.all(CastExpr.class)) {
            if (cast.getExpression().isNameExpr() && !cast.getType().isPrimitiveType()) {
                // instanceof needs the raw type: List<String> is checked as List
                checks.add(site.textOf(cast.getExpression()) + " instanceof "
                        + site.textOf(cast.getType()).replaceAll("<.*>", ""));
            }
        }
        List<Edit> edits = new ArrayList<>();
        for (String check : checks) {
            edits.addAll(site.guards(name(), check, "!(" + check + ")"));
        }
        return edits;
    }
}

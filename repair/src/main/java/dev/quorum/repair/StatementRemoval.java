package dev.quorum.repair;

import java.util.List;

/** An expression statement deleted (a wrong extra call or assignment); declarations are kept. */
final class StatementRemoval implements FixTemplate {

    @Override
    public String name() {
        return "statement-removal";
    }

    @Override
    public List<Edit> edits(Site site) {
        if (!site.statement().isExpressionStmt()
                || site.statement().asExpressionStmt().getExpression().isVariableDeclarationExpr()) {
            return List.of();
        }
        return List.of(site.replaceStatement(name(), "", "remove line " + site.line() + ": "
                + site.textOf(site.statement()).strip()));
    }
}

package dev.quorum.repair;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the statements at a line of a source file, as sites templates can change. */
final class Sites {
    private Sites() {
    }

    static Optional<CompilationUnit> parse(String text) {
        ParseResult<CompilationUnit> result = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE)).parse(text);
        return result.isSuccessful() ? result.getResult() : Optional.empty();
    }

    /** The innermost statements covering {@code line}; a compound statement only where its header is on it. */
    static List<Site> at(CompilationUnit unit, SourceText text, int line, ProjectTypes types) {
        List<Site> sites = new ArrayList<>();
        for (Statement s : unit.findAll(Statement.class)) {
            List<Expression> region = region(s);
            if (region == null || region.stream().noneMatch(e -> covers(e, line)) && !(isSimple(s) && covers(s, line))) {
                continue;
            }
            boolean hasInner = s.findAll(Statement.class).stream()
                    .anyMatch(inner -> inner != s && !(inner instanceof BlockStmt) && covers(inner, line)
                            && (isSimple(inner) || Optional.ofNullable(region(inner)).orElse(List.of()).stream()
                            .anyMatch(e -> covers(e, line))));
            if (!hasInner) {
                sites.add(new Site(s, isSimple(s) ? simpleRegion(s) : region, text, types));
            }
        }
        return sites;
    }

    /** What of a statement may change; null for statements templates leave alone (blocks, try, labels...). */
    private static List<Expression> region(Statement s) {
        if (s instanceof IfStmt i) {
            return List.of(i.getCondition());
        } else if (s instanceof WhileStmt w) {
            return List.of(w.getCondition());
        } else if (s instanceof DoStmt d) {
            return List.of(d.getCondition());
        } else if (s instanceof ForStmt f) {
            List<Expression> header = new ArrayList<>(f.getInitialization());
            f.getCompare().ifPresent(header::add);
            header.addAll(f.getUpdate());
            return header;
        } else if (s instanceof ForEachStmt f) {
            return List.of(f.getIterable());
        } else if (s instanceof SwitchStmt sw) {
            return List.of(sw.getSelector());
        } else if (isSimple(s)) {
            return List.of();
        }
        return null;
    }

    private static boolean isSimple(Statement s) {
        return s.isExpressionStmt() || s.isReturnStmt() || s.isThrowStmt();
    }

    /** A simple statement's expression (none for a bare {@code return;}). */
    private static List<Expression> simpleRegion(Statement s) {
        if (s.isExpressionStmt()) {
            return List.of(s.asExpressionStmt().getExpression());
        } else if (s.isReturnStmt()) {
            return s.asReturnStmt().getExpression().map(List::of).orElse(List.of());
        }
        return List.of(s.asThrowStmt().getExpression());
    }

    private static boolean covers(Node node, int line) {
        return node.getRange().map(r -> r.begin.line <= line && line <= r.end.line).orElse(false);
    }
}

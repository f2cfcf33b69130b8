package dev.quorum.localization;

import com.github.javaparser.Range;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.visitor.VoidVisitorAdapter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds what an Agentless-style skeleton leaves out: the inside of every method, constructor and initializer
 * body of two lines or more (the lines between the opening and the closing brace), and comments that stand on lines of their own.
 * Bodies inside bodies (lambdas, anonymous classes) are covered by the outer body, so they are not visited.
 */
final class SkeletonVisitor extends VoidVisitorAdapter<Void> {

    private final String[] lines;
    private final List<LineRange> bodies = new ArrayList<>();
    private final List<LineRange> comments = new ArrayList<>();

    SkeletonVisitor(String text) {
        this.lines = text.split("\n", -1);
    }

    List<LineRange> bodies() {
        bodies.sort(Comparator.comparingInt(LineRange::start));
        return bodies;
    }

    List<LineRange> comments() {
        comments.sort(Comparator.comparingInt(LineRange::start));
        return comments;
    }

    @Override
    public void visit(MethodDeclaration n, Void arg) {
        n.getBody().ifPresentOrElse(this::elideInside, () -> super.visit(n, arg));
    }

    @Override
    public void visit(ConstructorDeclaration n, Void arg) {
        elideInside(n.getBody());
    }

    @Override
    public void visit(InitializerDeclaration n, Void arg) {
        elideInside(n.getBody());
    }

    private void elideInside(BlockStmt body) {
        body.getRange().ifPresent(r -> {
            // A one-line body costs no more than the marker that would replace it, so it stays.
            if (r.end.line - r.begin.line >= 3) bodies.add(new LineRange(r.begin.line + 1, r.end.line - 1));
        });
    }

    /** Comments sharing a line with code stay (dropping the line would drop the code). */
    void addStandaloneComments(List<Comment> all) {
        for (Comment c : all) {
            c.getRange().filter(this::standsAlone).ifPresent(r -> comments.add(new LineRange(r.begin.line, r.end.line)));
        }
    }

    private boolean standsAlone(Range r) {
        if (r.end.line > lines.length || r.begin.line < 1) return false;
        String first = lines[r.begin.line - 1];
        String last = lines[r.end.line - 1];
        int before = Math.min(first.length(), Math.max(0, r.begin.column - 1));
        int after = Math.min(last.length(), Math.max(0, r.end.column));
        return first.substring(0, before).isBlank() && last.substring(after).isBlank();
    }
}

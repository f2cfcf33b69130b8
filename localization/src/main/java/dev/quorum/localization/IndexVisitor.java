package dev.quorum.localization;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.PackageDeclaration;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.visitor.VoidVisitorAdapter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/** Collects a compilation unit's package, imports, types (nested too), methods, constructors and fields. */
final class IndexVisitor extends VoidVisitorAdapter<Void> {

    private String packageName = "";
    private final List<String> imports = new ArrayList<>();
    private final List<IndexedFile.Type> types = new ArrayList<>();
    private final List<IndexedFile.Method> methods = new ArrayList<>();
    private final List<IndexedFile.Field> fields = new ArrayList<>();
    /** Qualified names of the types being visited, innermost first. */
    private final Deque<String> owners = new ArrayDeque<>();

    String packageName() {
        return packageName;
    }

    List<String> imports() {
        return imports;
    }

    List<IndexedFile.Type> types() {
        return types;
    }

    List<IndexedFile.Method> methods() {
        return methods;
    }

    List<IndexedFile.Field> fields() {
        return fields;
    }

    @Override
    public void visit(PackageDeclaration n, Void arg) {
        packageName = n.getNameAsString();
    }

    @Override
    public void visit(ImportDeclaration n, Void arg) {
        imports.add(n.getNameAsString() + (n.isAsterisk() ? ".*" : ""));
    }

    @Override
    public void visit(ClassOrInterfaceDeclaration n, Void arg) {
        enterType(n, n.isInterface() ? "interface" : "class", () -> super.visit(n, arg));
    }

    @Override
    public void visit(EnumDeclaration n, Void arg) {
        enterType(n, "enum", () -> super.visit(n, arg));
    }

    @Override
    public void visit(RecordDeclaration n, Void arg) {
        enterType(n, "record", () -> super.visit(n, arg));
    }

    @Override
    public void visit(AnnotationDeclaration n, Void arg) {
        enterType(n, "@interface", () -> super.visit(n, arg));
    }

    private void enterType(TypeDeclaration<?> n, String kind, Runnable children) {
        String name = n.getNameAsString();
        String outer = owners.peek();
        String qualified = outer != null ? outer + "." + name : packageName.isEmpty() ? name : packageName + "." + name;
        types.add(new IndexedFile.Type(name, qualified, kind, lines(n)));
        owners.push(qualified);
        try {
            children.run();
        } finally {
            owners.pop();
        }
    }

    @Override
    public void visit(MethodDeclaration n, Void arg) {
        addCallable(n, n.getNameAsString());
        super.visit(n, arg);
    }

    @Override
    public void visit(ConstructorDeclaration n, Void arg) {
        addCallable(n, "<init>");
        super.visit(n, arg);
    }

    private void addCallable(CallableDeclaration<?> n, String name) {
        String owner = owners.peek();
        if (owner == null) return;
        String params = n.getParameters().stream().map(Parameter::getTypeAsString).collect(Collectors.joining(", "));
        methods.add(new IndexedFile.Method(owner, name, n.getDeclarationAsString(false, false, true), params,
                lines(n)));
    }

    @Override
    public void visit(FieldDeclaration n, Void arg) {
        String owner = owners.peek();
        if (owner != null) {
            for (VariableDeclarator v : n.getVariables()) {
                fields.add(new IndexedFile.Field(owner, v.getNameAsString(), v.getTypeAsString(), lines(n)));
            }
        }
        super.visit(n, arg);
    }

    private static LineRange lines(Node n) {
        return n.getRange().map(r -> new LineRange(r.begin.line, Math.max(r.begin.line, r.end.line)))
                .orElse(new LineRange(1, 1));
    }
}

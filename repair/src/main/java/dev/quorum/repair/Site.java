package dev.quorum.repair;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A suspicious statement in its file, with what templates need to know around it: the expressions that may be
 * changed (a compound statement's header only, never its body), the variables in scope with their declared types,
 * the enclosing method's return type and the sibling methods of its class.
 */
final class Site {
    private final Statement statement;
    private final List<Expression> region;
    private final SourceText text;
    private final ProjectTypes types;

    Site(Statement statement, List<Expression> region, SourceText text, ProjectTypes types) {
        this.statement = statement;
        this.region = List.copyOf(region);
        this.text = text;
        this.types = types;
    }

    Statement statement() {
        return statement;
    }

    /** Every expression of the mutable region, outermost first, in source order. */
    <T extends Expression> List<T> all(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Expression root : region) {
            found.addAll(root.findAll(type));
        }
        return found;
    }

    /** True when the statement is a compound one (only its header is mutable). */
    boolean isHeaderOnly() {
        return !(statement.isExpressionStmt() || statement.isReturnStmt() || statement.isThrowStmt());
    }

    /** Replaces a node's text. */
    Edit replace(String template, Node node, String replacement) {
        String original = text.of(node);
        return new Edit(template, text.begin(node), text.end(node), replacement,
                oneLine(original) + "  →  " + oneLine(replacement));
    }

    /** Inserts a statement before this one, on its own line with the same indentation. */
    Edit insertBefore(String template, String statementText) {
        int begin = text.begin(statement);
        String indent = text.indentAt(begin);
        return new Edit(template, begin, begin, statementText + text.lineBreak() + indent,
                "insert " + oneLine(statementText) + " before line " + line());
    }

    /**
     * The two guards of a statement that needs {@code holds}: leave the method before it when {@code fails}, and run
     * it only when {@code holds} (where it may be wrapped).
     */
    List<Edit> guards(String template, String holds, String fails) {
        List<Edit> out = new ArrayList<>();
        out.add(returnEarlyIf(template, fails));
        onlyWhen(template, holds).ifPresent(out::add);
        return out;
    }

    /** Leaves the method before this statement when {@code condition} holds, returning its zero value. */
    private Edit returnEarlyIf(String template, String condition) {
        String returned = returnType().equals("void") || inConstructor() ? "return;"
                : "return " + defaultValue(returnType()) + ";";
        return insertBefore(template, "if (" + condition + ") { " + returned + " }");
    }

    /**
     * Runs this statement only when {@code condition} holds; none for a statement that declares a variable (later
     * statements use it) or is not an expression statement.
     */
    private Optional<Edit> onlyWhen(String template, String condition) {
        boolean declares = statement.isExpressionStmt()
                && statement.asExpressionStmt().getExpression().isVariableDeclarationExpr();
        if (!statement.isExpressionStmt() || declares) {
            return Optional.empty();
        }
        return Optional.of(replaceStatement(template, "if (" + condition + ") { " + textOf(statement) + " }",
                "run line " + line() + " only when " + condition));
    }

    /** Replaces the whole statement by another text (a wrapper, or nothing). */
    Edit replaceStatement(String template, String replacement, String change) {
        return new Edit(template, text.begin(statement), text.end(statement), replacement, change);
    }

    String textOf(Node node) {
        return text.of(node);
    }

    int line() {
        return statement.getBegin().map(p -> p.line).orElse(0);
    }

    /** {@code void} for constructors and initializers, else the method's declared return type. */
    String returnType() {
        return statement.findAncestor(MethodDeclaration.class).map(m -> m.getType().asString()).orElse("void");
    }

    /** Variables visible at the statement (parameters, earlier locals, fields of the class) by name, with types. */
    Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        enclosingType().ifPresent(type -> {
            for (FieldDeclaration field : type.getFields()) {
                field.getVariables().forEach(v -> vars.put(v.getNameAsString(), v.getType().asString()));
            }
        });
        Optional<CallableDeclaration<?>> callable = statement.findAncestor(CallableDeclaration.class).map(c -> (CallableDeclaration<?>) c);
        callable.ifPresent(c -> {
            for (Parameter param : c.getParameters()) {
                vars.put(param.getNameAsString(), param.getType().asString());
            }
            int line = line();
            for (VariableDeclarator d : c.findAll(VariableDeclarator.class)) {
                boolean before = d.getBegin().map(b -> b.line < line).orElse(false);
                boolean enclosing = scopeOf(d).map(n -> n.isAncestorOf(statement)).orElse(false);
                if (before && enclosing && !d.getType().asString().equals("var")) {
                    vars.put(d.getNameAsString(), d.getType().asString());
                }
            }
        });
        return vars;
    }

    /**
     * Where a local variable is visible: the block around its declaration statement, or the {@code for}/{@code try}
     * statement that declares it in its header.
     */
    private static Optional<Node> scopeOf(VariableDeclarator local) {
        Optional<Statement> declaring = local.findAncestor(Statement.class);
        if (declaring.isEmpty()) {
            return Optional.empty(); // a field or a lambda parameter's declarator: not a local of this callable
        }
        return declaring.get().isExpressionStmt() ? declaring.get().getParentNode() : declaring.map(s -> s);
    }

    /** Reference-typed parameters of the enclosing method or constructor, in declaration order. */
    List<String> referenceParameters() {
        return statement.findAncestor(CallableDeclaration.class).map(c -> ((CallableDeclaration<?>) c).getParameters()
                .stream().filter(p -> !p.getType().isPrimitiveType()).map(p -> p.getNameAsString()).toList())
                .orElse(List.of());
    }

    /**
     * The declared type of parameter {@code index} of the method {@code call} invokes, where it can be found: a
     * sibling method for an unqualified call, a static method of a project class for {@code Type.m(...)}.
     */
    Optional<String> parameterType(MethodCallExpr call, int index) {
        List<MethodDeclaration> targets = call.getScope().isEmpty() ? siblingMethods()
                : call.getScope().get().isNameExpr() ? staticMethodsOf(call.getScope().get().asNameExpr()
                .getNameAsString()) : List.of();
        List<String> types = targets.stream().filter(m -> m.getNameAsString().equals(call.getNameAsString())
                        && m.getParameters().size() == call.getArguments().size()
                        && m.getParameters().stream().noneMatch(p -> p.isVarArgs()))
                .map(m -> m.getParameter(index).getType().asString()).distinct().toList();
        return types.size() == 1 ? Optional.of(types.get(0)) : Optional.empty();
    }

    /** Methods declared in the enclosing class: name → parameter counts and return types. */
    List<MethodDeclaration> siblingMethods() {
        return enclosingType().<List<MethodDeclaration>>map(TypeDeclaration::getMethods).orElse(List.of());
    }

    /** Static methods of the project class a call names ({@code DurationUtils.toMillisInt(d)}); empty if unknown. */
    List<MethodDeclaration> staticMethodsOf(String simpleClassName) {
        return statement.findCompilationUnit().map(unit -> types.staticMethods(unit, simpleClassName))
                .orElse(List.of());
    }

    /**
     * How this file can name a JDK class: simple when imported (or in {@code java.lang}), else fully qualified, so
     * an edit never needs a new import.
     */
    String nameOf(Class<?> jdkClass) {
        String pkg = jdkClass.getPackageName();
        boolean visible = pkg.equals("java.lang") || statement.findCompilationUnit().map(unit -> unit.getImports()
                .stream().anyMatch(i -> !i.isStatic() && (i.isAsterisk() ? i.getNameAsString().equals(pkg)
                        : i.getNameAsString().equals(jdkClass.getName())))).orElse(false);
        return visible ? jdkClass.getSimpleName() : jdkClass.getName();
    }

    /** Static final fields of the enclosing class declared with {@code type}: constants a value may be. */
    List<String> constantsOf(String type) {
        List<String> out = new ArrayList<>();
        enclosingType().ifPresent(t -> t.getFields().stream()
                .filter(f -> f.isStatic() && f.isFinal())
                .forEach(f -> f.getVariables().stream().filter(v -> v.getType().asString().equals(type))
                        .forEach(v -> out.add(v.getNameAsString()))));
        return out;
    }

    boolean inConstructor() {
        return statement.findAncestor(ConstructorDeclaration.class).isPresent();
    }

    private Optional<TypeDeclaration<?>> enclosingType() {
        return statement.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
    }

    /** The zero value of a type, as Java source. */
    static String defaultValue(String type) {
        return switch (type) {
            case "boolean" -> "false";
            case "int", "long", "short", "byte", "double", "float" -> "0";
            case "char" -> "'\\0'";
            default -> "null";
        };
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}

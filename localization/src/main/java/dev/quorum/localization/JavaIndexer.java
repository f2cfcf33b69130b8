package dev.quorum.localization;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.comments.CommentsCollection;
import java.util.List;

/**
 * Turns one file into an {@link IndexedFile}. Java files are parsed with JavaParser and walked by
 * {@link IndexVisitor} (structure) and {@link SkeletonVisitor} (what a skeleton leaves out). A file that does not
 * parse is scanned as text by {@link TextualJavaScan} instead: a syntax error or syntax newer than the parser
 * must never stop localization.
 */
final class JavaIndexer {

    /** The newest Java release JavaParser 3.27 knows; older syntax parses under it too. */
    static final LanguageLevel LANGUAGE_LEVEL = LanguageLevel.JAVA_21;

    private final ParserConfiguration configuration = new ParserConfiguration()
            .setLanguageLevel(LANGUAGE_LEVEL)
            // Attaching comments to nodes costs a pass over the tree; the skeleton reads them from the parse result.
            .setAttributeComments(false);

    /** Thread-safe: each call parses with its own JavaParser (the parser itself is not thread-safe). */
    IndexedFile index(SourceFile file) {
        boolean test = TestClassifier.isTestPath(file.path());
        if (!file.isJava()) {
            return new IndexedFile(file, "", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), test,
                    null);
        }
        String problem;
        try {
            ParseResult<CompilationUnit> result = new JavaParser(configuration).parse(file.text());
            if (result.isSuccessful() && result.getResult().isPresent()) {
                List<Comment> comments = result.getCommentsCollection().map(CommentsCollection::getComments)
                        .map(List::copyOf).orElse(List.of());
                return fromTree(file, result.getResult().get(), comments, test);
            }
            problem = result.getProblems().stream().findFirst().map(Problem::getVerboseMessage)
                    .map(JavaIndexer::firstLine).orElse("JavaParser gave no tree");
        } catch (RuntimeException | StackOverflowError e) {
            problem = "JavaParser failed: " + e;
        }
        return TextualJavaScan.scan(file, test, problem);
    }

    private static IndexedFile fromTree(SourceFile file, CompilationUnit unit, List<Comment> comments, boolean test) {
        IndexVisitor structure = new IndexVisitor();
        unit.accept(structure, null);
        SkeletonVisitor skeleton = new SkeletonVisitor(file.text());
        unit.accept(skeleton, null);
        skeleton.addStandaloneComments(comments);
        return new IndexedFile(file, structure.packageName(), structure.imports(), structure.types(),
                structure.methods(), structure.fields(), skeleton.bodies(), skeleton.comments(), test, null);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

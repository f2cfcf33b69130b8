package dev.quorum.localization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaIndexerTest {

    private final JavaIndexer indexer = new JavaIndexer();

    @Test
    void indexesPackageImportsNestedTypesMethodsConstructorsAndFields() {
        IndexedFile f = indexer.index(new SourceFile("src/main/java/com/acme/text/ConfigParser.java", Fixtures.PARSER));

        assertThat(f.parsed()).isTrue();
        assertThat(f.test()).isFalse();
        assertThat(f.packageName()).isEqualTo("com.acme.text");
        assertThat(f.imports()).containsExactly("java.util.ArrayList", "java.util.List");
        assertThat(f.types()).extracting(IndexedFile.Type::qualifiedName, IndexedFile.Type::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("com.acme.text.ConfigParser", "class"),
                        org.assertj.core.groups.Tuple.tuple("com.acme.text.ConfigParser.Entry", "record"));
        assertThat(f.methods()).extracting(IndexedFile.Method::memberId).containsExactly(
                "com.acme.text.ConfigParser#<init>(char)",
                "com.acme.text.ConfigParser#parseLine(String)",
                "com.acme.text.ConfigParser#parseAll(List<String>)",
                "com.acme.text.ConfigParser.Entry#isEmpty()");
        IndexedFile.Method parseLine = f.methods().get(1);
        assertThat(parseLine.lines()).isEqualTo(new LineRange(18, 23));
        assertThat(parseLine.signature()).isEqualTo("Entry parseLine(String line)");
        assertThat(f.methodAt(20)).contains(parseLine);
        assertThat(f.fields()).extracting(IndexedFile.Field::name).containsExactly("separator");
    }

    @Test
    void newerSyntaxParses() {
        String modern = """
                package m;
                sealed interface Shape permits Circle, Square {}
                record Circle(double r) implements Shape {}
                record Square(double side) implements Shape {}
                class Areas {
                    double area(Shape s) {
                        return switch (s) {
                            case Circle(double r) -> Math.PI * r * r;
                            case Square sq when sq.side() > 0 -> sq.side() * sq.side();
                            case Square sq -> 0;
                        };
                    }
                    String text() {
                        return \"""
                            hello
                            \""";
                    }
                }
                """;
        IndexedFile f = indexer.index(new SourceFile("src/main/java/m/Shapes.java", modern));
        assertThat(f.parseProblem()).isNull();
        assertThat(f.methods()).extracting(IndexedFile.Method::name).contains("area", "text");
    }

    @Test
    void aFileWithSyntaxErrorsIsIndexedByTextAndReported() {
        IndexedFile f = indexer.index(new SourceFile("src/main/java/com/acme/broken/HalfWritten.java", Fixtures.BROKEN));

        assertThat(f.parsed()).isFalse();
        assertThat(f.parseProblem()).isNotBlank();
        assertThat(f.packageName()).isEqualTo("com.acme.broken");
        assertThat(f.types()).extracting(IndexedFile.Type::qualifiedName).containsExactly("com.acme.broken.HalfWritten");
        assertThat(f.methods()).extracting(IndexedFile.Method::name).containsExactly("ok", "broken");
        assertThat(f.methods().get(0).lines()).isEqualTo(new LineRange(4, 6));
    }

    @Test
    void testsAreToldApartAndPointAtTheClassesTheyExercise() {
        List<SourceFile> sources = new ArrayList<>();
        Fixtures.smallProject().forEach((path, text) -> sources.add(new SourceFile(path, text)));
        sources.add(new SourceFile("src/test/java/com/acme/config/LoaderChecks.java", """
                package com.acme.config;
                import com.acme.text.ConfigParser;
                class LoaderChecks { }
                """));
        CodeIndex index = CodeIndex.build(sources);

        String parserTest = "src/test/java/com/acme/text/ConfigParserTest.java";
        assertThat(index.file(parserTest).orElseThrow().test()).isTrue();
        assertThat(index.file("src/main/java/com/acme/App.java").orElseThrow().test()).isFalse();
        assertThat(index.exercisedBy(parserTest)).containsExactly("src/main/java/com/acme/text/ConfigParser.java");
        assertThat(index.exercisedBy("src/test/java/com/acme/config/LoaderChecks.java"))
                .containsExactly("src/main/java/com/acme/text/ConfigParser.java");
        assertThat(dev.quorum.core.RepoPaths.testedClassName("TestWidget")).contains("Widget");
        assertThat(dev.quorum.core.RepoPaths.testedClassName("Testimony")).isEmpty();
    }
}

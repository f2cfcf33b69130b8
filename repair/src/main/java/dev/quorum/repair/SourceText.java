package dev.quorum.repair;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.List;

/** A source file's text with JavaParser positions (1-based line and column, end inclusive) turned into offsets. */
final class SourceText {
    private final String text;
    private final int[] lineStarts;

    SourceText(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String text() {
        return text;
    }

    int offset(Position p) {
        return lineStarts[p.line - 1] + p.column - 1;
    }

    int begin(Node node) {
        return offset(node.getBegin().orElseThrow());
    }

    int end(Node node) {
        return offset(node.getEnd().orElseThrow()) + 1;
    }

    String of(Node node) {
        return text.substring(begin(node), end(node));
    }

    /** The blanks at the start of the line holding {@code offset}. */
    String indentAt(int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        int i = start;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(start, i);
    }

    String lineBreak() {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }
}

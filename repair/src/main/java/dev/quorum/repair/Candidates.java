package dev.quorum.repair;

import com.github.javaparser.ast.CompilationUnit;
import dev.quorum.repair.RepairResult.SuspiciousLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every template at every site of the most suspicious lines, in rank order and then template order, up to the
 * candidate budget. Edits whose result does not parse, or repeats an earlier result, are left out.
 */
final class Candidates {
    private Candidates() {
    }

    /** One edit of one file, with where it came from. */
    record Proposal(String file, SuspiciousLine at, Edit edit, String original, String changed) {
    }

    static List<Proposal> propose(Path checkout, SourceIndex sources, List<SuspiciousLine> ranked,
                                  List<FixTemplate> templates, int statements, int most) {
        List<Proposal> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> sitesSeen = new HashSet<>();
        ProjectTypes types = new ProjectTypes(checkout, sources);
        for (SuspiciousLine line : ranked) {
            if (sitesSeen.size() >= statements || out.size() >= most) {
                break;
            }
            String text = read(checkout.resolve(line.file()));
            Optional<CompilationUnit> unit = Sites.parse(text);
            if (unit.isEmpty()) {
                continue;
            }
            SourceText source = new SourceText(text);
            for (Site site : Sites.at(unit.get(), source, line.line(), types)) {
                if (!sitesSeen.add(line.file() + "@" + site.statement().getRange().orElseThrow())) {
                    continue; // a statement spanning several ranked lines is tried once
                }
                for (FixTemplate template : templates) {
                    for (Edit edit : template.edits(site)) {
                        String changed = edit.applyTo(text);
                        if (out.size() < most && seen.add(line.file() + "\0" + changed)
                                && Sites.parse(changed).isPresent()) {
                            out.add(new Proposal(line.file(), line, edit, text, changed));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            // ISO-8859-1 maps every byte to one char, so the text goes back to the same bytes whatever the encoding.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

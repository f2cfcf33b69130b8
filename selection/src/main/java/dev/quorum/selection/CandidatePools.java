package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds candidates and voter tests from patches found elsewhere (a directory of diffs, prediction files).
 * Test files a candidate's patch adds or changes are split off: the code part is the candidate, the test part a
 * reproduction voter named {@code <id>-tests}, so that every candidate is tested against every candidate's tests
 * (a source's own tests vote on the others, not on its own candidate).
 */
public final class CandidatePools {
    private CandidatePools() {
    }

    /**
     * @param notes what was skipped and why (a test diff naming no test class, ...)
     */
    public record Pool(List<Candidate> candidates, List<VoterTest> tests, List<String> notes) {
        public Pool {
            candidates = List.copyOf(candidates);
            tests = List.copyOf(tests);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Reads {@code candidatesDir/*.diff} (one candidate each, its id the file name without {@code .diff}) and, when
     * {@code testsDir} is not null, {@code testsDir/*.diff} (one {@link VoterTest.Origin#USER} voter each; its test
     * ids are the test classes it adds or changes under {@code src/test/java}). Files are read as bytes, in name
     * order.
     */
    public static Pool fromDirectories(Path candidatesDir, Path testsDir) {
        Map<String, Patch> patches = new LinkedHashMap<>();
        Map<String, Map<String, String>> provenance = new LinkedHashMap<>();
        for (Path file : diffs(candidatesDir)) {
            String id = idOf(file);
            patches.put(id, read(file));
            provenance.put(id, Map.of("source", file.toString()));
        }
        Pool pool = fromPatches(patches, provenance);
        if (testsDir == null) {
            return pool;
        }
        List<VoterTest> tests = new ArrayList<>();
        List<String> notes = new ArrayList<>(pool.notes());
        for (Path file : diffs(testsDir)) {
            Patch patch = read(file);
            List<TestId> ids = PatchParts.testClassesOf(patch);
            if (ids.isEmpty()) {
                notes.add("tests file " + file.getFileName() + " adds or changes no test class under src/test/java: skipped");
                continue;
            }
            tests.add(new VoterTest(idOf(file), patch, ids, VoterTest.Origin.USER));
        }
        tests.addAll(pool.tests());
        return new Pool(pool.candidates(), tests, notes);
    }

    /** Candidates from patches keyed by id (request order = map order), with the tests they wrote as voters. */
    public static Pool fromPatches(Map<String, Patch> patches, Map<String, Map<String, String>> provenance) {
        List<Candidate> candidates = new ArrayList<>();
        List<VoterTest> tests = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, Patch> e : patches.entrySet()) {
            String id = e.getKey();
            Map<String, String> origin = new LinkedHashMap<>(provenance.getOrDefault(id, Map.of()));
            Patch patch = e.getValue();
            if (patch.isEmpty()) {
                candidates.add(new Candidate(id, patch, origin));
                notes.add("candidate " + id + " is an empty patch");
                continue;
            }
            PatchParts.Split split = PatchParts.split(patch);
            if (!split.tests().isEmpty()) {
                List<TestId> ids = PatchParts.testClassesOf(split.tests());
                origin.put("testFilesSplitOff", String.valueOf(PatchParts.sections(split.tests()).size()));
                if (!ids.isEmpty()) {
                    tests.add(new VoterTest(id + "-tests", split.tests(), ids, VoterTest.Origin.REPRODUCTION,
                            java.util.Set.of(id)));
                }
            }
            candidates.add(new Candidate(id, split.code(), origin));
        }
        return new Pool(candidates, tests, notes);
    }

    /** The test classes a diff adds or changes under {@code src/test/java}. */
    public static List<TestId> testClassesOf(Patch patch) {
        return PatchParts.testClassesOf(patch);
    }

    private static List<Path> diffs(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".diff") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".diff".length());
    }

    private static Patch read(Path file) {
        try {
            return new Patch(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

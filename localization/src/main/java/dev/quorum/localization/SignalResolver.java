package dev.quorum.localization;

import dev.quorum.localization.MatchReason.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the issue names ({@link IssueSignals}) into boosts on the files and methods the repository declares.
 * A boost is added to the BM25 score as a constant, so its weight reads as "worth this many BM25 points"; the
 * weights below were set so that a direct pointer (a frame, a path) outranks any amount of word overlap, and a
 * name mention outranks a typical term match.
 */
final class SignalResolver {

    enum Target { FILE, METHOD }

    /** @param key a file path or a member id */
    record Boost(Target target, String key, double weight, MatchReason reason) {
    }

    static final double FRAME_FILE = 10.0;
    static final double FRAME_METHOD = 12.0;
    static final double FILE_PATH = 8.0;
    static final double QUALIFIED_CLASS = 5.0;
    static final double SIMPLE_CLASS = 3.0;
    /** A class named only in a quoted snippet: part of the API the user called, not necessarily the culprit. */
    static final double SIMPLE_CLASS_IN_CODE = 1.5;
    /** More than the test class itself gets: a failing test says the class it tests is broken. */
    static final double TESTED_BY = 5.0;
    static final double METHOD_WITH_OWNER = 4.0;
    static final double METHOD_NAME = 2.0;
    /** A name declared by more methods than this (get, run, toString) points nowhere in particular. */
    static final int MAX_METHODS_PER_NAME = 30;

    private SignalResolver() {
    }

    static List<Boost> resolve(IssueSignals signals, CodeIndex index) {
        List<Boost> boosts = new ArrayList<>();
        frames(signals, index, boosts);
        for (String mentioned : signals.paths()) {
            for (IndexedFile f : index.files()) {
                if (f.path().equals(mentioned) || f.path().endsWith("/" + mentioned)) {
                    boosts.add(new Boost(Target.FILE, f.path(), FILE_PATH, new MatchReason(Kind.FILE_PATH, mentioned)));
                }
            }
        }
        for (String fqn : signals.qualifiedNames()) {
            index.pathOfType(fqn).ifPresent(path -> {
                boosts.add(new Boost(Target.FILE, path, QUALIFIED_CLASS, new MatchReason(Kind.CLASS_NAME, fqn)));
                testedBy(index, path, fqn, boosts);
            });
        }
        for (String name : signals.capitalizedNames()) {
            List<String> paths = index.pathsOfSimpleType(name);
            double weight = signals.namesOnlyInCode().contains(name) ? SIMPLE_CLASS_IN_CODE : SIMPLE_CLASS;
            for (String path : paths) {
                boosts.add(new Boost(Target.FILE, path, weight / paths.size(), new MatchReason(Kind.CLASS_NAME, name)));
                testedBy(index, path, name, boosts);
            }
        }
        for (IssueSignals.MethodMention mention : signals.methodMentions()) {
            List<CodeIndex.Located> named = index.methodsNamed(mention.name());
            if (named.isEmpty() || named.size() > MAX_METHODS_PER_NAME) continue;
            for (CodeIndex.Located located : named) {
                boolean ownerMatches = mention.owner() != null
                        && located.method().simpleOwner().equals(mention.owner());
                if (mention.owner() != null && !ownerMatches && index.isKnownSimpleType(mention.owner())) continue;
                double weight = ownerMatches ? METHOD_WITH_OWNER : METHOD_NAME / Math.sqrt(named.size());
                String shown = (mention.owner() == null ? "" : mention.owner() + "#") + mention.name();
                boosts.add(new Boost(Target.METHOD, located.method().memberId(), weight,
                        new MatchReason(Kind.METHOD_NAME, shown)));
                boosts.add(new Boost(Target.FILE, located.path(), weight / 2, new MatchReason(Kind.METHOD_NAME, shown)));
            }
        }
        return boosts;
    }

    /**
     * Frames in the repository, in trace order: the first one is where the exception surfaced in this code, so it
     * weighs most and each frame below it less (1, 1/2, 1/3, ...).
     */
    private static void frames(IssueSignals signals, CodeIndex index, List<Boost> boosts) {
        int depth = 0;
        for (IssueSignals.Frame frame : signals.frames()) {
            Optional<String> path = index.pathOfType(frame.outerClassName()).or(() -> byFileName(frame, index));
            if (path.isEmpty()) continue;
            IndexedFile file = index.file(path.get()).orElseThrow();
            double decay = 1.0 / (1 + depth++);
            MatchReason reason = new MatchReason(Kind.STACK_FRAME, frame.toString());
            boosts.add(new Boost(Target.FILE, file.path(), FRAME_FILE * decay, reason));
            List<IndexedFile.Method> methods = frame.line() > 0
                    ? file.methodAt(frame.line()).stream().toList()
                    : file.methods().stream().filter(m -> m.name().equals(frame.method())).toList();
            for (IndexedFile.Method m : methods) {
                boosts.add(new Boost(Target.METHOD, m.memberId(), FRAME_METHOD * decay, reason));
            }
            if (file.test()) testedBy(index, file.path(), frame.toString(), boosts);
        }
    }

    private static Optional<String> byFileName(IssueSignals.Frame frame, CodeIndex index) {
        if (frame.fileName() == null) return Optional.empty();
        String outer = frame.outerClassName();
        int dot = outer.lastIndexOf('.');
        String suffix = (dot < 0 ? "" : outer.substring(0, dot).replace('.', '/') + "/") + frame.fileName();
        return index.files().stream().map(IndexedFile::path)
                .filter(p -> p.equals(suffix) || p.endsWith("/" + suffix)).findFirst();
    }

    /** A mentioned test class points at the classes it exercises. */
    private static void testedBy(CodeIndex index, String testPath, String mention, List<Boost> boosts) {
        for (String exercised : index.exercisedBy(testPath)) {
            boosts.add(new Boost(Target.FILE, exercised, TESTED_BY, new MatchReason(Kind.TESTED_BY, mention)));
        }
    }
}

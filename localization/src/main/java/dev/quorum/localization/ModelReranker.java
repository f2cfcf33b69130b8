package dev.quorum.localization;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.quorum.core.Json;
import dev.quorum.localization.MatchReason.Kind;
import dev.quorum.model.ChatOutcome;
import dev.quorum.model.ChatRequest;
import dev.quorum.model.Message;
import dev.quorum.model.ModelClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks a model to reorder the top BM25 files, given the issue and each file's skeleton (Agentless's file-level
 * step). Only the order changes: scores and reasons stay BM25's, plus a reason on each file the model moved.
 * Anything but a usable answer keeps the BM25 order, so a failing model never fails a localization.
 */
final class ModelReranker implements Reranker {

    static final int CANDIDATES = 10;
    static final int SKELETON_CHARS = 1_500;
    static final int ISSUE_CHARS = 8_000;
    static final int MAX_ANSWER_TOKENS = 600;

    static final String SYSTEM = """
            You locate bugs in Java repositories. Given an issue and candidate files (each shown as a skeleton:
            signatures with line numbers, bodies elided), rank the files by how likely a fix for the issue must edit
            them. Prefer main code over tests. Answer with only a JSON array of the candidate paths, most likely
            first, for example ["src/main/java/a/B.java", "src/main/java/a/C.java"].""";

    private final ModelClient model;

    ModelReranker(ModelClient model) {
        this.model = model;
    }

    @Override
    public List<RankedFile> rerank(String issueText, List<RankedFile> candidates, CodeIndex index) {
        if (candidates.size() < 2) return candidates;
        List<RankedFile> window = candidates.subList(0, Math.min(CANDIDATES, candidates.size()));
        ChatOutcome outcome = model.chat(ChatRequest.of(Message.system(SYSTEM), Message.user(prompt(issueText, window, index)))
                .withMaxTokens(MAX_ANSWER_TOKENS).withTemperature(0.0));
        if (!(outcome instanceof ChatOutcome.Completed completed)) return candidates;
        List<String> order = parseOrder(completed.message().content(), window);
        if (order.isEmpty()) return candidates;
        List<RankedFile> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String path = order.get(i);
            RankedFile file = window.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
            int before = window.indexOf(file) + 1;
            List<MatchReason> why = new ArrayList<>(file.why());
            if (before != i + 1) why.add(new MatchReason(Kind.MODEL_RERANK, "BM25 rank " + before + " -> " + (i + 1)));
            out.add(new RankedFile(file.path(), file.test(), file.score(), why));
        }
        out.addAll(candidates.subList(window.size(), candidates.size()));
        return out;
    }

    static String prompt(String issueText, List<RankedFile> window, CodeIndex index) {
        StringBuilder sb = new StringBuilder("Issue:\n");
        sb.append(issueText.length() > ISSUE_CHARS ? issueText.substring(0, ISSUE_CHARS) + "\n[...]" : issueText);
        sb.append("\n\nCandidate files:\n");
        for (RankedFile f : window) {
            sb.append("\n### ").append(f.path()).append('\n');
            index.file(f.path()).ifPresent(file -> sb.append(Skeletons.skeleton(file, SKELETON_CHARS)));
        }
        sb.append("\nAnswer with the JSON array of paths only.");
        return sb.toString();
    }

    /**
     * The candidate paths in the model's order, unknown paths dropped, unranked candidates appended in BM25 order;
     * empty when the answer holds no JSON array of strings.
     */
    static List<String> parseOrder(String answer, List<RankedFile> window) {
        int open = answer.indexOf('[');
        int close = answer.lastIndexOf(']');
        if (open < 0 || close < open) return List.of();
        List<String> said;
        try {
            said = Json.mapper().readValue(answer.substring(open, close + 1), new TypeReference<List<String>>() { });
        } catch (Exception e) {
            return List.of();
        }
        Set<String> known = new LinkedHashSet<>();
        window.forEach(f -> known.add(f.path()));
        Set<String> order = new LinkedHashSet<>();
        for (String path : said) {
            if (path != null && known.contains(path.strip())) order.add(path.strip());
        }
        if (order.isEmpty()) return List.of();
        order.addAll(known);
        return List.copyOf(order);
    }
}

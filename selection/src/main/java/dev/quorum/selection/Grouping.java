package dev.quorum.selection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step 2: candidates whose normalized form is equal form one group; a group's size is its number of votes. */
final class Grouping {
    private Grouping() {
    }

    /** A group before testing: members in request order, the first being the one tried first. */
    record Planned(String id, List<Candidate> members, Normalization.Normalized normalized) {
    }

    static List<Planned> group(List<Candidate> candidates, Normalization normalization) {
        Map<String, List<Candidate>> byKey = new LinkedHashMap<>();
        Map<String, Normalization.Normalized> forms = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            Normalization.Normalized n = normalization.normalize(c.patch());
            byKey.computeIfAbsent(n.key(), k -> new ArrayList<>()).add(c);
            forms.putIfAbsent(n.key(), n);
        }
        List<Planned> groups = new ArrayList<>();
        int i = 1;
        for (Map.Entry<String, List<Candidate>> e : byKey.entrySet()) {
            groups.add(new Planned("g" + i++, List.copyOf(e.getValue()), forms.get(e.getKey())));
        }
        return groups;
    }

    /**
     * Share of lines the two groups' changed members have in common (Jaccard over distinct lines): the changes
     * themselves are compared, not the files they sit in.
     */
    static double similarity(Normalization.Normalized a, Normalization.Normalized b) {
        var left = new java.util.HashSet<>(a.readable().lines().map(String::strip).toList());
        var right = new java.util.HashSet<>(b.readable().lines().map(String::strip).toList());
        if (left.isEmpty() && right.isEmpty()) {
            return 1.0;
        }
        var union = new java.util.HashSet<>(left);
        union.addAll(right);
        left.retainAll(right);
        return (double) left.size() / union.size();
    }
}

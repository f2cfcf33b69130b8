package dev.quorum.selection;

import dev.quorum.core.Issue;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.model.ChatOutcome;
import dev.quorum.model.ChatRequest;
import dev.quorum.model.Message;
import dev.quorum.model.ModelClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CodeMonkeys' selection step: when the voters cannot tell the finalists apart, ask the model for tests that do
 * (given the issue and the finalists' diffs). The tests it writes vote like any other model-written test: they run
 * on every finalist, and their weight comes from how they split them. One model call per test, at most the budget.
 */
final class TieBreak {
    static final String SYSTEM = """
            You write a test that tells apart candidate patches for a Java repository. The patches below all pass \
            the tests written so far, but they may behave differently. Write one test class whose tests pass with a \
            patch that fixes the issue correctly and completely, and fail with a patch that does not. Use the \
            repository's test framework (the example shows it) and only classes and methods that exist.""";
    private static final Pattern CODE_BLOCK = Pattern.compile("```(?:java)?\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern CLASS = Pattern.compile("(?m)^\\s*(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");
    private static final int MAX_PATCH_CHARS = 8_000;

    /** A finalist as the model sees it. */
    record Finalist(String groupId, String patch) {
    }

    /** The tests written (as voters), and what happened to each call. */
    record Written(List<VoterTest> voters, List<String> notes) {
    }

    private final ModelClient model;
    private final int budget;

    TieBreak(ModelClient model, int budget) {
        this.model = model;
        this.budget = budget;
    }

    /**
     * @param example an existing voter's test source (the repository's framework and style), or ""
     * @param module  the module the finalists change ("" for the root): the tests go under its src/test/java
     */
    Written write(Issue issue, List<Finalist> finalists, String example, String module) {
        List<VoterTest> voters = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int k = 0; k < budget; k++) {
            ChatOutcome outcome = model.chat(ChatRequest.of(Message.system(SYSTEM),
                    Message.user(prompt(issue, finalists, example))).withTemperature(k == 0 ? 0.0 : 0.8));
            switch (outcome) {
                case ChatOutcome.Completed done -> {
                    VoterTest voter = voter("tiebreak-" + k, done.message().content(), module, names);
                    if (voter == null) {
                        notes.add("tie-break test " + k + ": the answer held no Java test class");
                    } else {
                        voters.add(voter);
                    }
                }
                case ChatOutcome.BudgetExhausted exhausted -> {
                    notes.add("tie-break round stopped: the " + exhausted.scope().name().toLowerCase()
                            + " budget is exhausted");
                    return new Written(voters, notes);
                }
                case ChatOutcome.Failed failed -> {
                    notes.add("tie-break call failed (" + failed.kind() + "): " + failed.message());
                    return new Written(voters, notes);
                }
            }
        }
        notes.add("tie-break round: asked for " + budget + " test(s) to separate " + finalists.stream()
                .map(Finalist::groupId).toList() + "; " + voters.size() + " written");
        return new Written(voters, notes);
    }

    static String prompt(Issue issue, List<Finalist> finalists, String example) {
        StringBuilder user = new StringBuilder("Issue:\n").append(issue.fullText().strip()).append("\n\n");
        for (int i = 0; i < finalists.size(); i++) {
            String patch = finalists.get(i).patch();
            user.append("Patch ").append(i + 1).append(":\n```diff\n")
                    .append(patch.length() > MAX_PATCH_CHARS ? patch.substring(0, MAX_PATCH_CHARS) + "\n... (cut)" : patch)
                    .append("\n```\n\n");
        }
        if (!example.isBlank()) {
            user.append("A test already written for this issue (follow its framework and style):\n```java\n")
                    .append(example.strip()).append("\n```\n\n");
        }
        return user.append("Write one test class that passes only with the patch that fixes the issue correctly."
                + " Answer with a single ```java block: package, imports, a class whose name ends in Test.").toString();
    }

    /** The class in the answer as a voter that adds it under {@code module}/src/test/java, or null. */
    static VoterTest voter(String id, String answer, String module, Set<String> taken) {
        Matcher block = CODE_BLOCK.matcher(answer);
        String code = (block.find() ? block.group(1) : answer).strip() + "\n";
        Matcher cls = CLASS.matcher(code);
        if (!cls.find()) {
            return null;
        }
        Matcher pkg = PACKAGE.matcher(code);
        String packageName = pkg.find() ? pkg.group(1) : "";
        String name = cls.group(1);
        String qualified = packageName.isEmpty() ? name : packageName + "." + name;
        if (!taken.add(qualified)) {
            String renamed = name + id.replaceAll("\\W", "");
            code = code.replaceAll("\\b" + Pattern.quote(name) + "\\b", renamed);
            qualified = packageName.isEmpty() ? renamed : packageName + "." + renamed;
            taken.add(qualified);
        }
        String path = (module.isEmpty() ? "" : module + "/") + "src/test/java/" + qualified.replace('.', '/') + ".java";
        return new VoterTest(id, Patch.newFile(path, code), List.of(TestId.ofClass(qualified)),
                VoterTest.Origin.REPRODUCTION);
    }

    /** The module holding the first changed main source file of a patch ("" for the root). */
    static String moduleOf(Patch patch) {
        for (Patch.Section s : PatchParts.sections(patch)) {
            if (s.path() != null && s.path().contains("src/main/java/")) {
                return s.path().substring(0, s.path().indexOf("src/main/java/")).replaceAll("/+$", "");
            }
        }
        return "";
    }
}

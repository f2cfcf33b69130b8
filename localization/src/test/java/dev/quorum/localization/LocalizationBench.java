package dev.quorum.localization;

import dev.quorum.core.RepoRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import dev.quorum.core.Task;
import dev.quorum.tasks.FixtureTasks;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;

/**
 * Index time and query latency on a generated repository. Run by {@code bench/localization-bench.sh}.
 * Arguments: number of files (default 1000), index rounds (default 5), queries (default 200).
 */
public final class LocalizationBench {

    public static void main(String[] args) throws Exception {
        int fileCount = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dir = Files.createTempDirectory("quorum-bench-").resolve("repo.git");
        Map<String, String> files = Fixtures.generated(fileCount);
        long made = System.nanoTime();
        String commit = TestRepo.bareWith(dir, files);
        System.out.printf("bare repo written in %d ms%n", (System.nanoTime() - made) / 1_000_000);
        System.out.printf("repo: %d generated Java files, %d bytes%n", fileCount,
                files.values().stream().mapToLong(String::length).sum());

        List<Long> indexMillis = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        SearchIndex index = null;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            try (RepoAccess access = RepoAccess.open(new RepoRef(dir.toString()))) {
                Repository repo = access.repository();
                RepoSnapshotReader reader = new RepoSnapshotReader(List.of(), 512 * 1024);
                List<SourceFile> sources = reader.readCommit(repo, RepoSnapshotReader.resolveCommit(repo, commit));
                long read = System.nanoTime();
                CodeIndex code = CodeIndex.build(sources);
                long parsed = System.nanoTime();
                index = SearchIndex.build(code);
                phases.add(String.format("read %d + parse %d + lucene %d", (read - start) / 1_000_000,
                        (parsed - read) / 1_000_000, (System.nanoTime() - parsed) / 1_000_000));
            }
            indexMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf("index (read blobs + JavaParser + Lucene), ms per round: %s; first %d, median %d%n",
                indexMillis, indexMillis.get(0), median(indexMillis));
        System.out.println("phases, ms: " + phases);

        String[] nouns = Fixtures.NOUNS;
        Bm25Localizer localizer = new Bm25Localizer(Reranker.NONE);
        List<Long> micros = new ArrayList<>();
        int hitsAt1 = 0;
        for (int q = 0; q < queries; q++) {
            int target = (q * 7919) % fileCount;
            String noun = nouns[target % nouns.length];
            String issue = "The " + noun.toLowerCase() + " total is wrong.\njava.lang.ArithmeticException: overflow\n"
                    + "\tat com.gen.p" + (target / 50) + "." + noun + "Service" + target + ".compute" + noun
                    + "(" + noun + "Service" + target + ".java:9)\n"
                    + "Calling `" + noun + "Service" + target + "` with a large amount overflows.";
            long start = System.nanoTime();
            Localization result = localizer.localize(index, commit, issue, LocalizationRequest.Options.defaults());
            micros.add((System.nanoTime() - start) / 1_000);
            if (result.files().get(0).path().endsWith("/" + noun + "Service" + target + ".java")) hitsAt1++;
        }
        List<Long> warm = micros.subList(Math.min(20, micros.size() / 2), micros.size());
        System.out.printf("query (signals + BM25 files and methods + 8k-token context), ms: median %.2f, p95 %.2f,"
                        + " max %.2f over %d warm queries; top-1 correct %d/%d%n",
                median(warm) / 1000.0, percentile(warm, 0.95) / 1000.0, Collections.max(warm) / 1000.0, warm.size(),
                hitsAt1, queries);
        deleteTree(dir.getParent());
        fixtureRecall();
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Recall@1/3/5 of the gold files and gold methods of the bundled fixture tasks, BM25 alone. */
    static void fixtureRecall() throws Exception {
        Path dir = Files.createTempDirectory("quorum-bench-fixtures-");
        List<Task> tasks = FixtureTasks.materialize(dir);
        int[] ks = {1, 3, 5};
        int[] fileHits = new int[ks.length];
        int[] methodHits = new int[ks.length];
        int goldFiles = 0;
        int goldMethods = 0;
        Localizer localizer = Localizer.bm25();
        for (Task task : tasks) {
            Localization result = localizer.localize(LocalizationRequest.of(task.repo(), task.baseCommit(),
                    task.issue().fullText()));
            List<String> files = result.files().stream().map(RankedFile::path).toList();
            List<String> methods = result.methods().stream().map(RankedMethod::member).toList();
            List<String> gold = FixtureRecallTest.goldFiles(task);
            Set<String> goldMembers = goldMethods(task, gold);
            goldFiles += gold.size();
            goldMethods += goldMembers.size();
            for (int k = 0; k < ks.length; k++) {
                List<String> topFiles = files.subList(0, Math.min(ks[k], files.size()));
                List<String> topMethods = methods.subList(0, Math.min(ks[k], methods.size()));
                fileHits[k] += (int) gold.stream().filter(topFiles::contains).count();
                methodHits[k] += (int) goldMembers.stream().filter(topMethods::contains).count();
            }
            System.out.printf("  %s: gold files %s at ranks %s; gold methods %s at ranks %s%n", task.instanceId(),
                    gold, gold.stream().map(g -> files.indexOf(g) + 1).toList(), goldMembers,
                    goldMembers.stream().map(g -> methods.indexOf(g) + 1).toList());
        }
        deleteTree(dir);
        for (int k = 0; k < ks.length; k++) {
            System.out.printf("fixtures (%d tasks): Recall@%d files %d/%d, methods %d/%d%n", tasks.size(), ks[k],
                    fileHits[k], goldFiles, methodHits[k], goldMethods);
        }
    }

    /** Methods of the base files whose lines the gold patch changes (removed lines, or where lines are added). */
    private static Set<String> goldMethods(Task task, List<String> goldFiles) throws Exception {
        Map<String, Set<Integer>> changed = changedOldLines(task.patch().text());
        Set<String> members = new LinkedHashSet<>();
        try (RepoAccess access = RepoAccess.open(task.repo())) {
            Repository repo = access.repository();
            List<SourceFile> sources = new RepoSnapshotReader(List.of(), 512 * 1024)
                    .readCommit(repo, RepoSnapshotReader.resolveCommit(repo, task.baseCommit()));
            JavaIndexer indexer = new JavaIndexer();
            for (SourceFile source : sources) {
                if (!goldFiles.contains(source.path())) continue;
                IndexedFile file = indexer.index(source);
                for (int line : changed.getOrDefault(source.path(), Set.of())) {
                    file.methodAt(line).ifPresent(m -> members.add(m.memberId()));
                }
            }
        }
        return members;
    }

    private static Map<String, Set<Integer>> changedOldLines(String patch) {
        Map<String, Set<Integer>> out = new HashMap<>();
        String file = null;
        int old = 0;
        for (String line : patch.split("\n")) {
            if (line.startsWith("--- ")) {
                String p = line.substring(4).strip();
                file = p.startsWith("a/") ? p.substring(2) : p;
            } else if (line.startsWith("+++ ")) {
                continue;
            } else if (line.startsWith("@@")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("@@ -(\\d+)").matcher(line);
                old = m.find() ? Integer.parseInt(m.group(1)) : 0;
            } else if (file != null && line.startsWith("-")) {
                out.computeIfAbsent(file, k -> new HashSet<>()).add(old++);
            } else if (file != null && line.startsWith("+")) {
                out.computeIfAbsent(file, k -> new HashSet<>()).add(Math.max(1, old));
            } else if (file != null && (line.startsWith(" ") || line.isEmpty())) {
                old++;
            }
        }
        return out;
    }

    private static long median(List<Long> values) {
        return percentile(values, 0.5);
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}

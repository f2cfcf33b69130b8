package dev.quorum.localization;

import dev.quorum.core.RepoRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end localization of an issue in a generated bare repository of thousands of files, through the public
 * {@link Localizer} (open the repository, read the commit, parse, index, rank, build the context), one fresh
 * index per round, the first round in a cold JVM. The timing that {@code LocalizerTest} used to assert (30 s for
 * 2,000 files) lives here. Run by {@code bench/localizer-scale.sh [files] [rounds]}.
 */
public final class LocalizerScaleBench {
    /** The issue every round localizes, and the file that must rank first. */
    static final String ISSUE = "InvoiceService1777.validateInvoice returns the wrong total for an invoice";
    static final String TARGET = "/InvoiceService1777.java";

    private LocalizerScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int fileCount = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (fileCount <= 1_777) {
            throw new IllegalArgumentException("files must be more than 1777 (the issue names InvoiceService1777)");
        }
        Path dir = Files.createTempDirectory("quorum-localizer-scale-").resolve("repo.git");
        TestRepo.bareWith(dir, Fixtures.generated(fileCount));
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            // A new Localizer per round: nothing cached between rounds but the JVM's warm-up.
            Localization result = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(dir.toString()),
                    null, ISSUE));
            millis.add((System.nanoTime() - start) / 1_000_000);
            if (result.indexedFiles() != fileCount || !result.files().get(0).path().endsWith(TARGET)) {
                throw new IllegalStateException("round " + round + " indexed " + result.indexedFiles()
                        + " files and ranked " + result.files().get(0).path() + " first");
            }
        }
        List<Long> warm = millis.subList(Math.min(1, millis.size() - 1), millis.size()).stream().sorted().toList();
        System.out.printf("localize %d files end to end, ms per round: %s; first (cold) %d, warm median %d%n",
                fileCount, millis, millis.get(0), warm.get(warm.size() / 2));
        try (var paths = Files.walk(dir.getParent())) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

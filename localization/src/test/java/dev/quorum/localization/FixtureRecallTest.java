package dev.quorum.localization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Task;
import dev.quorum.tasks.FixtureTasks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BM25 alone finds the files each bundled fixture's reference fix touches. The bar is the measured one: every gold
 * file in the top 5, and all but one in the top 3. The one miss is csvlite, where the bug sits in FieldScanner,
 * which the issue never names, one call below the classes it does name (FieldScanner ranks 4th).
 */
class FixtureRecallTest {

    @TempDir
    Path tmp;

    @Test
    void goldFilesOfEveryFixtureAreInTheTopFiveAndAlmostAllInTheTopThree() throws Exception {
        List<Task> tasks = FixtureTasks.materialize(tmp);
        assertThat(tasks).isNotEmpty();
        Localizer localizer = Localizer.bm25();
        List<String> missesTop5 = new java.util.ArrayList<>();
        int gold3 = 0;
        int goldTotal = 0;
        for (Task task : tasks) {
            Localization result = localizer.localize(LocalizationRequest.of(task.repo(), task.baseCommit(),
                    task.issue().fullText()));
            List<String> top3 = result.files().stream().limit(3).map(RankedFile::path).toList();
            List<String> top5 = result.files().stream().limit(5).map(RankedFile::path).toList();
            List<String> gold = goldFiles(task);
            assertThat(gold).as(task.instanceId()).isNotEmpty();
            goldTotal += gold.size();
            gold3 += (int) gold.stream().filter(top3::contains).count();
            if (!top5.containsAll(gold)) {
                missesTop5.add(task.instanceId() + ": gold " + gold + ", ranked " + result.files().stream()
                        .map(f -> f.path() + " " + Math.round(f.score()) + " " + f.why()).toList());
            }
        }
        assertThat(missesTop5).isEmpty();
        assertThat(gold3).as("gold files in the top 3").isGreaterThanOrEqualTo(goldTotal - 1);
    }

    static List<String> goldFiles(Task task) {
        return task.patch().touchedPaths().stream().filter(p -> !TestClassifier.isTestPath(p)).toList();
    }
}

package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Selects among several systems' predictions, task by task. Voters are the task's PASS_TO_PASS tests (regression)
 * and the tests the candidates wrote; the task's own test patch is never used, since that would be grading with
 * the answer key.
 */
public final class EnsembleSelection {

    /** Gives a working tree of a task's repository at its base commit. */
    @FunctionalInterface
    public interface Checkouts {
        Path checkout(Task task) throws Exception;
    }

    /**
     * One task's result.
     *
     * @param chosenSource the predictions source whose patch was chosen, or null on abstention or failure
     * @param patch        the chosen patch without test files (empty when none was chosen)
     * @param result       the selection result, or null when the task failed before selection
     * @param error        what went wrong, or null
     */
    public record Outcome(String instanceId, String chosenSource, Patch patch, SelectionResult result, String error) {
    }

    private final Selector selector;
    private final SelectionOptions options;

    public EnsembleSelection(Selector selector, SelectionOptions options) {
        this.selector = Objects.requireNonNull(selector, "selector");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The request for one task: one candidate per source (its id the source's name), tests split off as voters,
     * and the task's PASS_TO_PASS tests as a regression voter.
     *
     * @param patchesBySource source name (e.g. a predictions file name) → that source's patch for this task
     */
    public static SelectionRequest request(Task task, Path checkout, Map<String, Patch> patchesBySource,
                                           SelectionOptions options) {
        Map<String, Map<String, String>> provenance = new LinkedHashMap<>();
        patchesBySource.keySet().forEach(s -> provenance.put(s, Map.of("source", s, "instance", task.instanceId())));
        CandidatePools.Pool pool = CandidatePools.fromPatches(patchesBySource, provenance);
        List<VoterTest> tests = new ArrayList<>();
        if (!task.passToPass().isEmpty()) {
            tests.add(new VoterTest("regression", Patch.empty(), task.passToPass(), VoterTest.Origin.REGRESSION));
        }
        tests.addAll(pool.tests());
        return new SelectionRequest(checkout, task.issue(), pool.candidates(), tests, task.build(), options);
    }

    /**
     * Runs selection for every task not in {@code done} that has at least one patch, {@code workers} tasks at a
     * time, handing each outcome to {@code sink} as soon as it is known (calls to the sink are serialized).
     *
     * @param patches instance id → source → patch
     */
    public List<Outcome> run(List<Task> tasks, Map<String, Map<String, Patch>> patches, Set<String> done,
                             Checkouts checkouts, int workers, Consumer<Outcome> sink) {
        List<Task> todo = tasks.stream().filter(t -> !done.contains(t.instanceId()))
                .filter(t -> patches.containsKey(t.instanceId())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, Math.max(1, todo.size()))));
        Object sinkLock = new Object();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Task task : todo) {
                futures.add(pool.submit(() -> {
                    Outcome outcome = one(task, patches.get(task.instanceId()), checkouts);
                    synchronized (sinkLock) {
                        sink.accept(outcome);
                    }
                    return outcome;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome one(Task task, Map<String, Patch> bySource, Checkouts checkouts) {
        try {
            Path checkout = checkouts.checkout(task);
            SelectionResult result = selector.select(request(task, checkout, bySource, options));
            return switch (result) {
                case SelectionResult.Chosen chosen ->
                        new Outcome(task.instanceId(), chosen.candidateId(), chosen.patch(), result, null);
                case SelectionResult.Abstained abstained ->
                        new Outcome(task.instanceId(), null, Patch.empty(), result, null);
            };
        } catch (Exception e) {
            return new Outcome(task.instanceId(), null, Patch.empty(), null,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}

package dev.quorum.harness.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quorum.core.Json;
import dev.quorum.harness.EvalReport;
import dev.quorum.harness.InstanceResult;
import dev.quorum.harness.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task set knows about its own instances, so that rates have honest denominators: instances whose reference
 * fix does not resolve in this environment (found by {@code quorum eval --gold}), and duplicates of other instances
 * (marked by hand). Kept next to the task file as {@code <tasks>.markers.json}.
 *
 * @param goldUnresolved instance id → how its gold patch ended ({@code BUILD_FAILED: ...})
 * @param duplicates     instance id → the instance it duplicates
 * @param goldRun        the {@code --gold} run that found {@code goldUnresolved}, or empty
 */
public record Markers(@JsonProperty("gold_unresolved") Map<String, String> goldUnresolved,
                      @JsonProperty("duplicates") Map<String, String> duplicates,
                      @JsonProperty("gold_run") String goldRun) {

    public Markers {
        goldUnresolved = goldUnresolved == null ? Map.of() : Map.copyOf(goldUnresolved);
        duplicates = duplicates == null ? Map.of() : Map.copyOf(duplicates);
        goldRun = goldRun == null ? "" : goldRun;
    }

    public static Markers none() {
        return new Markers(Map.of(), Map.of(), "");
    }

    /** The markers file of a task file: {@code tasks.jsonl} → {@code tasks.markers.json} beside it. */
    public static Path besides(Path tasks) {
        String name = tasks.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return tasks.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".markers.json");
    }

    /** The file's markers, or none when it does not exist. */
    public static Markers read(Path file) {
        if (!Files.exists(file)) {
            return none();
        }
        try {
            return Json.mapper().readValue(file.toFile(), Markers.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the markers file " + file + " (" + e.getMessage()
                    + "); fix it or delete it and re-run quorum eval --gold", e);
        }
    }

    public void write(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, Json.mapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the markers file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * These markers with the gold-ceiling part replaced by what a {@code --gold} run found: every graded instance
     * whose reference fix did not resolve fully. Instances the run did not grade, or could not set up
     * (ENV_FAILED, INFRA_FAILED), keep their earlier mark.
     */
    public Markers withGoldRun(EvalReport gold) {
        Map<String, String> unresolved = new TreeMap<>(goldUnresolved);
        for (InstanceResult r : gold.instances()) {
            if (r.outcome().retriedOnResume()) {
                continue; // says nothing about the gold patch: keep what an earlier run found
            }
            unresolved.remove(r.instanceId());
            if (!r.outcome().resolved()) {
                String why = r.error() == null ? "" : ": " + r.error().lines().findFirst().orElse("");
                unresolved.put(r.instanceId(), r.outcome() + why);
            }
        }
        return new Markers(unresolved, duplicates, gold.runId());
    }

    /** Whether an instance counts in the gold-ceiling-adjusted denominator. */
    public boolean eligible(String instanceId) {
        return !goldUnresolved.containsKey(instanceId) && !duplicates.containsKey(instanceId);
    }

    /** Raw and adjusted rates of {@code resolved} among {@code instances}. */
    public Rates rates(Collection<String> instances, Collection<String> resolved) {
        long eligible = instances.stream().filter(this::eligible).count();
        long resolvedEligible = resolved.stream().filter(this::eligible).count();
        return new Rates(resolved.size(), instances.size(), resolvedEligible, (int) eligible);
    }

    /**
     * @param resolved         resolved instances among all
     * @param total            all instances
     * @param resolvedEligible resolved instances that are neither gold-unresolvable nor duplicates
     * @param eligible         instances that are neither
     */
    public record Rates(int resolved, int total, long resolvedEligible, int eligible) {
        public double raw() {
            return total == 0 ? 0 : (double) resolved / total;
        }

        public double adjusted() {
            return eligible == 0 ? 0 : (double) resolvedEligible / eligible;
        }

        /** "3/5 (60.0 %) raw; 3/4 (75.0 %) of instances whose gold patch resolves, duplicates excluded". */
        public String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%d/%d (%.1f %%) raw; %d/%d (%.1f %%) gold-ceiling-adjusted (gold-unresolvable and duplicate"
                            + " instances excluded)", resolved, total, 100 * raw(), resolvedEligible, eligible,
                    100 * adjusted());
        }
    }
}

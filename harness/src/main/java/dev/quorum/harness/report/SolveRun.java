package dev.quorum.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a {@code quorum solve} run directory recorded, read back from its {@code report.json} (and
 * {@code candidates.json} for the patches): every sample, how selection grouped and ranked them, what it chose,
 * and what the run cost. {@code quorum infer} leaves one such directory per instance, {@code <prefix>-<instance>}.
 *
 * @param samples   one per trajectory, in trajectory order
 * @param groups    selection's groups of equal candidates (dropped ones too, {@code live} false)
 * @param ranking   group ids in selection's final order; the first was chosen unless the run abstained
 * @param chosen    the chosen candidate id ({@code t0}), or null when the run abstained
 * @param usd       the whole run's model cost
 * @param tokens    the whole run's model tokens
 * @param samplesUsd what the trajectories cost together; {@code usd - samplesUsd} is the per-instance overhead
 *                  (localization, tests, judge)
 */
public record SolveRun(String instanceId, Path dir, List<Sample> samples, List<Group> groups, List<String> ranking,
                       String chosen, double usd, long tokens, double samplesUsd) {

    public SolveRun {
        samples = List.copyOf(samples);
        groups = List.copyOf(groups);
        ranking = List.copyOf(ranking);
    }

    /** One trajectory's result. {@code empty}: it changed no source file, so it offers no candidate. */
    public record Sample(int trajectory, boolean empty, double usd) {
        public String candidateId() {
            return "t" + trajectory;
        }
    }

    /** Candidates equal after normalization; {@code members} are trajectory indices. */
    public record Group(String id, List<Integer> members, boolean live) {
        public Group {
            members = List.copyOf(members);
        }
    }

    /** The group a trajectory's candidate is in, or null (an empty patch is in none). */
    public Group groupOf(int trajectory) {
        return groups.stream().filter(g -> g.members().contains(trajectory)).findFirst().orElse(null);
    }

    /** Every {@code <prefix>-<instance>} directory under {@code runsDir} with a report, by instance id. */
    public static Map<String, SolveRun> readAll(Path runsDir, String prefix) {
        Map<String, SolveRun> runs = new TreeMap<>();
        if (!Files.isDirectory(runsDir)) {
            throw new IllegalArgumentException("no runs directory " + runsDir);
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(prefix + "-") && Files.isRegularFile(dir.resolve("report.json"))) {
                    runs.put(name.substring(prefix.length() + 1), read(name.substring(prefix.length() + 1), dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runsDir + ": " + e.getMessage(), e);
        }
        return runs;
    }

    public static SolveRun read(String instanceId, Path dir) {
        Path file = dir.resolve("report.json");
        JsonNode report;
        try {
            report = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the solve report " + file + ": " + e.getMessage(), e);
        }
        List<Sample> samples = new ArrayList<>();
        double samplesUsd = 0;
        for (JsonNode t : report.path("trajectories")) {
            Sample s = new Sample(t.path("trajectory").asInt(), t.path("patch_bytes").asLong() == 0,
                    t.path("cost_usd").asDouble());
            samples.add(s);
            samplesUsd += s.usd();
        }
        samples.sort(java.util.Comparator.comparingInt(Sample::trajectory));
        List<Group> groups = new ArrayList<>();
        for (JsonNode g : report.path("evidence").path("groups")) {
            List<Integer> members = new ArrayList<>();
            g.path("members").forEach(m -> members.add(trajectoryOf(m.asText(), file)));
            groups.add(new Group(g.path("id").asText(), members, g.path("live").asBoolean(true)));
        }
        List<String> ranking = new ArrayList<>();
        report.path("evidence").path("scores").forEach(s -> ranking.add(s.path("groupId").asText()));
        String chosen = report.hasNonNull("chosen") ? report.get("chosen").asText() : null;
        return new SolveRun(instanceId, dir, samples, groups, ranking, chosen,
                report.path("total").path("usd").asDouble(), report.path("total").path("tokens").asLong(), samplesUsd);
    }

    /** The patch of each trajectory, from {@code candidates.json}. */
    public Map<Integer, Patch> patches() {
        Path file = dir.resolve("candidates.json");
        Map<Integer, Patch> patches = new TreeMap<>();
        try {
            for (JsonNode c : Json.mapper().readTree(file.toFile())) {
                byte[] bytes = c.path("patch").path("bytes").binaryValue();
                patches.put(c.path("trajectory").asInt(), new Patch(bytes == null ? new byte[0] : bytes));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the candidates of " + dir + ": " + e.getMessage(), e);
        }
        return patches;
    }

    private static int trajectoryOf(String candidateId, Path file) {
        if (!candidateId.matches("t\\d+")) {
            throw new IllegalArgumentException(file + ": candidate id '" + candidateId + "' is not a trajectory"
                    + " (t<n>); scaling curves need a run whose candidates all came from trajectories");
        }
        return Integer.parseInt(candidateId.substring(1));
    }
}

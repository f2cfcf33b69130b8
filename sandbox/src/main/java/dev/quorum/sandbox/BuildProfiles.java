package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Detects a repository's {@link BuildProfile} from its build files, version files and the task's hints. */
final class BuildProfiles {
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");

    private BuildProfiles() {
    }

    /**
     * @param registry asked only when the wanted JDK needs a registry: can base images come from one here
     */
    static BuildProfile detect(Path repo, BuildHints hints, BooleanSupplier registry) {
        Map<String, byte[]> files = MavenBuild.buildFiles(repo);
        PomFacts facts = PomFacts.read(files);
        Wish wish = wantedJdk(repo, facts, hints);
        JdkPick pick = pick(wish, facts, registry);
        Optional<String> wrapper = MavenWrapper.version(repo);
        List<String> extra = new ArrayList<>(hints.flags());
        extra.addAll(mavenConfig(repo));
        return new BuildProfile(pick.release().feature, wish.feature(), pick.reason(),
                wrapper.orElse(MavenDistribution.VERSION),
                wrapper.isPresent() ? "wrapper, " + MavenWrapper.PROPERTIES : "bundled",
                hints.module() == null || hints.module().isBlank() ? null : hints.module(), extra,
                skippedPlugins(files));
    }

    /** What the repository (or task) asks for, and where it says so. */
    record Wish(int feature, int lowestLevel, int highestLevel, String why) {
    }

    record JdkPick(JdkRelease release, String reason) {
    }

    static Wish wantedJdk(Path repo, PomFacts facts, BuildHints hints) {
        int low = facts.lowestLevel();
        int high = facts.highestLevel();
        int hinted = PomFacts.javaLevel(hints.jdk());
        if (hinted > 0) {
            return new Wish(hinted, low, high, "the task's build.jdk is " + hints.jdk());
        }
        Optional<Wish> pinned = versionFile(repo, low, high);
        if (pinned.isPresent()) {
            return pinned.get();
        }
        if (facts.toolchainJdk() != null) {
            int toolchain = roundUp(PomFacts.lowerBound(facts.toolchainJdk()));
            return new Wish(toolchain, low, high, facts.minimumWhy());
        }
        if (low == 0) {
            int wanted = Math.max(JdkRelease.DEFAULT.feature, roundUp(facts.minimumJdk()));
            return new Wish(wanted, 0, 0, facts.minimumJdk() > JdkRelease.DEFAULT.feature ? facts.minimumWhy()
                    : "the poms name no Java level; the default JDK");
        }
        int natural = Math.max(roundUp(low), roundUp(high));
        String why = "Java level " + low + " (" + facts.levels().get(low) + ")" + (roundUp(high) > roundUp(low)
                ? " to " + high + " (" + facts.levels().get(high) + ")" : "");
        if (facts.minimumJdk() > natural) {
            return new Wish(roundUp(facts.minimumJdk()), low, high, why + " and " + facts.minimumWhy());
        }
        return new Wish(natural, low, high, why);
    }

    /** The JDK release at or above a level: 6 → 8, 9 → 11, 17 → 17, 25 → 25 (none known, said as such). */
    static int roundUp(int level) {
        return Arrays.stream(JdkRelease.values()).mapToInt(j -> j.feature).filter(f -> f >= level).min()
                .orElse(level);
    }

    static JdkPick pick(Wish wish, PomFacts facts, BooleanSupplier registry) {
        Optional<JdkRelease> exact = JdkRelease.of(wish.feature());
        if (exact.isPresent() && exact.get().obtainableWithoutRegistry()) {
            return new JdkPick(exact.get(), wish.why());
        }
        boolean haveRegistry = registry.getAsBoolean();
        if (exact.isPresent() && haveRegistry) {
            return new JdkPick(exact.get(), wish.why() + "; from " + exact.get().registryImage);
        }
        String missing = exact.isPresent()
                ? "JDK " + wish.feature() + " needs a registry (" + exact.get().registryImage + ") and none is reachable"
                : "Quorum has no base image for JDK " + wish.feature();
        int level = wish.lowestLevel();
        List<JdkRelease> usable = Arrays.stream(JdkRelease.values())
                .filter(j -> haveRegistry || j.obtainableWithoutRegistry())
                .filter(j -> level == 0 || j.compiles(level))
                .filter(j -> j.feature >= wish.highestLevel())
                .toList();
        Optional<JdkRelease> newer = usable.stream().filter(j -> j.feature > wish.feature()).findFirst();
        if (newer.isPresent()) {
            return new JdkPick(newer.get(), wish.why() + "; " + missing + "; JDK " + newer.get().feature
                    + " is the nearest newer one" + (level == 0 ? "" : " that compiles level " + level));
        }
        if (!usable.isEmpty()) {
            JdkRelease older = usable.get(usable.size() - 1);
            return new JdkPick(older, wish.why() + "; " + missing + "; JDK " + older.feature
                    + " is the newest obtainable one");
        }
        return new JdkPick(JdkRelease.DEFAULT, wish.why() + "; " + missing + "; no obtainable JDK compiles level "
                + level + " either, so the default JDK " + JdkRelease.DEFAULT.feature + " runs it and may fail");
    }

    /** {@code .java-version} (jenv), {@code .sdkmanrc} ({@code java=11.0.20-tem}), {@code .tool-versions} (asdf). */
    private static Optional<Wish> versionFile(Path repo, int low, int high) {
        for (String name : List.of(".java-version", ".sdkmanrc", ".tool-versions")) {
            Path file = repo.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    String value = switch (name) {
                        case ".sdkmanrc" -> l.startsWith("java=") ? l.substring(5) : null;
                        case ".tool-versions" -> l.startsWith("java ") ? l.substring(5).replaceAll("^[a-z-]*?-", "")
                                : null;
                        default -> l.isEmpty() || l.startsWith("#") ? null : l.replaceAll("^[a-z-]*?-", "");
                    };
                    int level = PomFacts.javaLevel(value);
                    if (level > 0) {
                        return Optional.of(new Wish(level, low, high, name + " says " + l));
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // unreadable (not UTF-8, a directory): the poms decide
            }
        }
        return Optional.empty();
    }

    private static List<String> mavenConfig(Path repo) {
        Path config = repo.resolve(".mvn/maven.config");
        try {
            return Files.isRegularFile(config)
                    ? Arrays.stream(Files.readString(config).split("\\s+")).filter(s -> !s.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> skippedPlugins(Map<String, byte[]> files) {
        List<String> artifactIds = new ArrayList<>();
        files.forEach((name, bytes) -> {
            Matcher m = ARTIFACT_ID.matcher(new String(bytes, StandardCharsets.UTF_8));
            while (m.find()) {
                artifactIds.add(m.group(1));
            }
        });
        List<String> skipped = new ArrayList<>();
        for (String flag : MavenBuild.SKIP_FLAGS) {
            String word = flag.substring(2, flag.indexOf(".skip")).replace("maven.", "").replace(".check", "")
                    .replace('.', '-');
            Pattern plugin = Pattern.compile("(^|-)" + Pattern.quote(word) + "(-|$)");
            artifactIds.stream().filter(a -> plugin.matcher(a).find() && !skipped.contains(a)).forEach(skipped::add);
        }
        return skipped;
    }
}

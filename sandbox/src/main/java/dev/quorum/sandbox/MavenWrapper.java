package dev.quorum.sandbox;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Maven version a repository's Maven Wrapper asks for, read from {@code distributionUrl} in
 * {@code .mvn/wrapper/maven-wrapper.properties}. Quorum never runs the wrapper script (repository code that
 * downloads things, often without its jar); it installs that Maven version itself.
 */
final class MavenWrapper {
    static final String PROPERTIES = ".mvn/wrapper/maven-wrapper.properties";
    private static final Pattern DISTRIBUTION = Pattern.compile("apache-maven-(\\d[0-9A-Za-z.\\-]*?)-bin\\.(zip|tar\\.gz)$");

    private MavenWrapper() {
    }

    /** The wrapper's Maven version, or empty when the repository has no wrapper or it names no Apache Maven. */
    static Optional<String> version(Path repo) {
        Path file = repo.resolve(PROPERTIES);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return versionOf(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<String> versionOf(String properties) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(properties));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String url = p.getProperty("distributionUrl");
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = DISTRIBUTION.matcher(url.strip());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

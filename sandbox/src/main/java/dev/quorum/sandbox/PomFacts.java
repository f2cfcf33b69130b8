package dev.quorum.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a repository's poms say about the JDK and the network its build needs, read from the build files alone
 * (no Maven run): source levels, the enforcer's and the toolchains plugin's Java versions, repository hosts, and
 * non-standard source directories. Property references are resolved from the poms' own properties; what cannot
 * be resolved is left out rather than guessed.
 *
 * @param levels          every Java level the compiler is asked for ({@code 6} for "1.6"), with where it was said
 * @param minimumJdk      the lowest JDK the enforcer or the toolchains plugin accepts, or 0
 * @param toolchainJdk    the JDK version the toolchains plugin asks for ("11", "[1.8,)"), or null
 * @param repositoryHosts hosts of the repositories and plugin repositories the poms declare
 * @param sourceDirs      per module directory ("" for the root): main and test source directories
 */
record PomFacts(NavigableMap<Integer, String> levels, int minimumJdk, String minimumWhy, String toolchainJdk,
                Set<String> repositoryHosts, Map<String, List<String>> sourceDirs) {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final List<String> LEVEL_PROPERTIES = List.of("maven.compiler.release", "maven.compiler.source",
            "maven.compiler.target", "maven.compiler.testRelease", "maven.compiler.testSource",
            "maven.compiler.testTarget");
    private static final List<String> LEVEL_ELEMENTS = List.of("release", "source", "target", "testRelease",
            "testSource", "testTarget");

    /** @param poms pom.xml files by path relative to the repository ("pom.xml", "core/pom.xml") */
    static PomFacts read(Map<String, byte[]> poms) {
        Map<String, Document> docs = new LinkedHashMap<>();
        poms.forEach((name, bytes) -> {
            if (name.equals("pom.xml") || name.endsWith("/pom.xml")) {
                Document doc = parse(name, bytes);
                if (doc != null) {
                    docs.put(name, doc);
                }
            }
        });
        Map<String, String> shared = new HashMap<>();
        docs.values().forEach(doc -> shared.putAll(properties(doc)));
        NavigableMap<Integer, String> levels = new java.util.TreeMap<>();
        int minimum = 0;
        String minimumWhy = null;
        String toolchain = null;
        Set<String> hosts = new TreeSet<>();
        Map<String, List<String>> sourceDirs = new LinkedHashMap<>();
        for (Map.Entry<String, Document> e : docs.entrySet()) {
            String pom = e.getKey();
            Map<String, String> props = new HashMap<>(shared);
            props.putAll(properties(e.getValue()));
            for (String name : LEVEL_PROPERTIES) {
                putLevel(levels, resolve(props.get(name), props), pom + " property " + name);
            }
            for (Element plugin : plugins(e.getValue(), "maven-compiler-plugin")) {
                for (String name : LEVEL_ELEMENTS) {
                    for (Element el : descendants(plugin, name)) {
                        putLevel(levels, resolve(text(el), props), pom + " maven-compiler-plugin <" + name + ">");
                    }
                }
            }
            for (Element plugin : plugins(e.getValue(), "maven-enforcer-plugin")) {
                for (Element rule : descendants(plugin, "requireJavaVersion")) {
                    for (Element v : descendants(rule, "version")) {
                        int lower = lowerBound(resolve(text(v), props));
                        if (lower > minimum) {
                            minimum = lower;
                            minimumWhy = pom + " enforcer requireJavaVersion " + text(v);
                        }
                    }
                }
            }
            for (Element plugin : plugins(e.getValue(), "maven-toolchains-plugin")) {
                for (Element jdk : descendants(plugin, "jdk")) {
                    for (Element v : descendants(jdk, "version")) {
                        String version = resolve(text(v), props);
                        int lower = lowerBound(version);
                        if (lower > 0) {
                            toolchain = version;
                            if (lower > minimum) {
                                minimum = lower;
                                minimumWhy = pom + " toolchains plugin jdk " + version;
                            }
                        }
                    }
                }
            }
            for (String tag : List.of("repository", "pluginRepository")) {
                for (Element repo : descendants(e.getValue().getDocumentElement(), tag)) {
                    for (Element url : descendants(repo, "url")) {
                        host(resolve(text(url), props)).ifPresent(hosts::add);
                    }
                }
            }
            String dir = pom.equals("pom.xml") ? "" : pom.substring(0, pom.length() - "/pom.xml".length());
            sourceDirs.put(dir, sourceDirs(e.getValue()));
        }
        return new PomFacts(levels, minimum, minimumWhy, toolchain, hosts, sourceDirs);
    }

    /** The lowest level the compiler is asked for, or 0 when the poms say none. */
    int lowestLevel() {
        return levels.isEmpty() ? 0 : levels.firstKey();
    }

    /** The highest level the compiler is asked for, or 0 when the poms say none. */
    int highestLevel() {
        return levels.isEmpty() ? 0 : levels.lastKey();
    }

    /** "8" for "1.8", "11" for "11", "17" for "17.0.2"; 0 when it is not a Java version. */
    static int javaLevel(String version) {
        if (version == null) {
            return 0;
        }
        Matcher m = Pattern.compile("^\\s*(?:1\\.(\\d+)|(\\d+))").matcher(version);
        if (!m.find()) {
            return 0;
        }
        int level = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
        return level >= 1 && level < 100 ? level : 0;
    }

    /** The lower bound of a Maven version range ("[11,)" → 11, "1.8" → 8, "(,17)" → 0). */
    static int lowerBound(String range) {
        if (range == null) {
            return 0;
        }
        String r = range.strip();
        if (r.startsWith("[") || r.startsWith("(")) {
            r = r.substring(1).split(",", 2)[0];
        }
        return javaLevel(r);
    }

    private static java.util.Optional<String> host(String url) {
        if (url == null || !url.contains("://")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(URI.create(url.strip()).getHost());
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static void putLevel(Map<Integer, String> levels, String value, String where) {
        int level = javaLevel(value);
        if (level > 0 && value != null && !value.contains("${")) {
            levels.putIfAbsent(level, where);
        }
    }

    private static List<String> sourceDirs(Document doc) {
        List<String> dirs = new ArrayList<>();
        Element build = child(doc.getDocumentElement(), "build");
        if (build != null) {
            for (String tag : List.of("sourceDirectory", "testSourceDirectory")) {
                Element el = child(build, tag);
                String dir = el == null ? null : text(el).replace("${project.basedir}/", "")
                        .replace("${basedir}/", "");
                if (dir != null && !dir.isEmpty() && !dir.contains("${") && !dir.startsWith("/")
                        && !dir.contains("..")) {
                    dirs.add(tag + "=" + dir);
                }
            }
        }
        return dirs;
    }

    private static Map<String, String> properties(Document doc) {
        Map<String, String> props = new HashMap<>();
        Element properties = child(doc.getDocumentElement(), "properties");
        if (properties != null) {
            for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element el) {
                    props.put(el.getTagName(), text(el));
                }
            }
        }
        return props;
    }

    /** Replaces {@code ${name}} from the properties, a few levels deep; unknown references stay as they are. */
    static String resolve(String value, Map<String, String> props) {
        if (value == null) {
            return null;
        }
        String current = value;
        for (int depth = 0; depth < 5 && current.contains("${"); depth++) {
            Matcher m = PROPERTY.matcher(current);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = props.get(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
            }
            m.appendTail(out);
            if (out.toString().equals(current)) {
                break;
            }
            current = out.toString();
        }
        return current;
    }

    private static List<Element> plugins(Document doc, String artifactId) {
        List<Element> found = new ArrayList<>();
        for (Element plugin : descendants(doc.getDocumentElement(), "plugin")) {
            Element id = child(plugin, "artifactId");
            if (id != null && text(id).equals(artifactId)) {
                found.add(plugin);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element root, String tag) {
        NodeList nodes = root.getElementsByTagName(tag);
        List<Element> list = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && el.getTagName().equals(tag)) {
                return el;
            }
        }
        return null;
    }

    private static String text(Element el) {
        return el.getTextContent().strip();
    }

    /** Parses with DTDs and external entities off: poms come from repositories Quorum does not control. */
    private static Document parse(String name, byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            // A pom Maven itself would reject fails the env build with Maven's own message; here it says nothing.
            return null;
        }
    }
}

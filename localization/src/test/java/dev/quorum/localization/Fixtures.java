package dev.quorum.localization;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small Java sources the tests share. */
final class Fixtures {

    private Fixtures() {
    }

    static final String PARSER = """
            package com.acme.text;

            import java.util.ArrayList;
            import java.util.List;

            /**
             * Splits configuration lines into key and value.
             */
            public class ConfigParser {

                private final char separator;

                public ConfigParser(char separator) {
                    this.separator = separator;
                }

                // Parses one line; blank lines give null.
                public Entry parseLine(String line) {
                    int at = line.indexOf(separator);
                    String key = line.substring(0, at);
                    String value = line.substring(at + 1);
                    return new Entry(key.trim(), value.trim());
                }

                public List<Entry> parseAll(List<String> lines) {
                    List<Entry> out = new ArrayList<>();
                    for (String line : lines) {
                        out.add(parseLine(line));
                    }
                    return out;
                }

                public record Entry(String key, String value) {
                    public boolean isEmpty() {
                        return key.isEmpty()
                                && value.isEmpty();
                    }
                }
            }
            """;

    static final String LOADER = """
            package com.acme.config;

            import com.acme.text.ConfigParser;
            import java.util.List;

            public class ConfigLoader {
                private final ConfigParser parser = new ConfigParser('=');

                public int load(List<String> lines) {
                    return parser.parseAll(lines).size();
                }
            }
            """;

    static final String APP = """
            package com.acme;

            import com.acme.config.ConfigLoader;
            import java.util.List;

            public class App {
                public static void main(String[] args) {
                    System.out.println(new ConfigLoader().load(List.of(args)));
                }
            }
            """;

    static final String PARSER_TEST = """
            package com.acme.text;

            import org.junit.jupiter.api.Test;

            class ConfigParserTest {
                @Test
                void parsesKeyAndValue() {
                    new ConfigParser('=').parseLine("a=b");
                }
            }
            """;

    static final String UNRELATED = """
            package com.acme.net;

            public class HttpRetry {
                private int attempts = 3;

                public int backoffMillis(int attempt) {
                    return 100 * (1 << attempt);
                }

                public boolean shouldRetry(int status) {
                    return status == 429 || status >= 500;
                }
            }
            """;

    static final String BROKEN = """
            package com.acme.broken;

            public class HalfWritten {
                public void ok() {
                    System.out.println("fine");
                }

                public void broken( {
                    int x = ;
                }
            """;

    static Map<String, String> smallProject() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/main/java/com/acme/text/ConfigParser.java", PARSER);
        files.put("src/main/java/com/acme/config/ConfigLoader.java", LOADER);
        files.put("src/main/java/com/acme/App.java", APP);
        files.put("src/main/java/com/acme/net/HttpRetry.java", UNRELATED);
        files.put("src/test/java/com/acme/text/ConfigParserTest.java", PARSER_TEST);
        return files;
    }

    static final String[] NOUNS = {"Order", "Invoice", "Customer", "Shipment", "Ledger", "Account", "Token",
            "Session", "Report", "Cache", "Queue", "Schedule", "Payment", "Refund", "Catalog", "Inventory"};

    /** {@code count} small, distinct Java classes spread over packages. */
    static Map<String, String> generated(int count) {
        String[] nouns = NOUNS;
        String[] verbs = {"compute", "validate", "merge", "render", "index", "resolve", "encode", "publish"};
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String noun = nouns[i % nouns.length];
            String pkg = "com.gen.p" + (i / 50);
            String cls = noun + "Service" + i;
            String v1 = verbs[i % verbs.length];
            String v2 = verbs[(i / 3) % verbs.length];
            String src = "package " + pkg + ";\n\n"
                    + "import java.util.List;\n\n"
                    + "/** Handles " + noun.toLowerCase() + " number " + i + ". */\n"
                    + "public class " + cls + " {\n"
                    + "    private final List<String> items" + i + " = new java.util.ArrayList<>();\n\n"
                    + "    public int " + v1 + noun + "(int amount) {\n"
                    + "        int total = amount * " + (i + 1) + ";\n"
                    + "        for (String s : items" + i + ") {\n"
                    + "            total += s.length();\n"
                    + "        }\n"
                    + "        return total;\n"
                    + "    }\n\n"
                    + "    public String " + v2 + "Label(String prefix) {\n"
                    + "        return prefix + \"-" + noun + "-\" + " + i + ";\n"
                    + "    }\n"
                    + "}\n";
            files.put("src/main/java/" + pkg.replace('.', '/') + "/" + cls + ".java", src);
        }
        return files;
    }
}

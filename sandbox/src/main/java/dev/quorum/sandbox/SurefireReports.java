package dev.quorum.sandbox;

import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads Surefire's (JUnit XML) reports into per-test outcomes. Reports are written by the code under test's JVM,
 * so they are read with size limits: an oversized one is refused, never loaded whole into this process's memory.
 */
final class SurefireReports {
    /** Largest single report read: a report is parsed whole, as a DOM several times its size. */
    static final long MAX_REPORT_BYTES = 16L << 20;
    /** Largest sum of the reports of one run. */
    static final long MAX_TOTAL_BYTES = 64L << 20;

    private SurefireReports() {
    }

    /** A report (or the reports together) over the size limit: the run's outcomes cannot be read. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** Parses every TEST-*.xml in a tar archive. */
    static List<ReportedTest> fromTar(byte[] tar) throws IOException {
        return fromTar(tar, MAX_REPORT_BYTES);
    }

    /** Parses every TEST-*.xml in a tar archive, refusing with {@link TooLarge} any entry over {@code maxBytes}. */
    static List<ReportedTest> fromTar(byte[] tar, long maxBytes) throws IOException {
        List<ReportedTest> tests = new ArrayList<>();
        TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar));
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            if (e.isFile() && e.getName().matches(".*TEST-.*\\.xml")) {
                if (e.getSize() > maxBytes) {
                    throw new TooLarge("the test report " + e.getName() + " is " + (e.getSize() >> 10) + " KiB, over"
                            + " the limit of " + (maxBytes >> 10) + " KiB; it is not read");
                }
                tests.addAll(parse(in.readNBytes((int) e.getSize()), e.getName()));
            }
        }
        return tests;
    }

    static List<ReportedTest> parse(byte[] xml, String name) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            doc = builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("report " + name + " is not valid XML: " + e.getMessage(), e);
        }
        List<ReportedTest> tests = new ArrayList<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            String cls = tc.getAttribute("classname");
            String method = tc.getAttribute("name");
            if (cls.isBlank()) {
                continue;
            }
            TestStatus status = TestStatus.PASSED;
            String message = "";
            String exceptionType = "";
            boolean flaky = false;
            for (Node child = tc.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element el)) {
                    continue;
                }
                switch (el.getTagName()) {
                    case "failure", "rerunFailure" -> {
                        status = TestStatus.combine(status, TestStatus.FAILED);
                        message = firstLine(el);
                        exceptionType = el.getAttribute("type");
                    }
                    case "error", "rerunError" -> {
                        status = TestStatus.combine(status, TestStatus.ERROR);
                        message = firstLine(el);
                        exceptionType = el.getAttribute("type");
                    }
                    case "skipped" -> status = TestStatus.combine(status, TestStatus.SKIPPED);
                    case "flakyFailure", "flakyError" -> flaky = true;
                    default -> { }
                }
            }
            double seconds = parseTime(tc.getAttribute("time"));
            TestId id = method.isBlank() ? TestId.ofClass(cls) : new TestId(cls, method);
            tests.add(new ReportedTest(id, status, seconds, message, exceptionType, flaky));
        }
        return tests;
    }

    /** For each requested id, the combined outcome of the reported tests it covers; MISSING when none. */
    static Map<TestId, TestStatus> outcomes(List<TestId> requested, List<ReportedTest> reported) {
        Map<TestId, TestStatus> result = new LinkedHashMap<>();
        for (TestId want : requested) {
            TestStatus status = TestStatus.MISSING;
            for (ReportedTest r : reported) {
                if (want.covers(r.id()) || want.equals(r.id())) {
                    status = TestStatus.combine(status, r.status());
                }
            }
            result.put(want, status);
        }
        return result;
    }

    private static String firstLine(Element el) {
        String msg = el.getAttribute("message");
        if (msg.isBlank()) {
            msg = el.getTextContent() == null ? "" : el.getTextContent().strip();
        }
        return msg.lines().findFirst().orElse("");
    }

    private static double parseTime(String t) {
        try {
            return t.isBlank() ? 0 : Double.parseDouble(t.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

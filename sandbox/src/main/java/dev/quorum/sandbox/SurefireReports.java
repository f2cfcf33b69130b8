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

/** Reads Surefire's (JUnit XML) reports into per-test outcomes. */
final class SurefireReports {
    private SurefireReports() {
    }

    /** Parses every TEST-*.xml in a tar archive. */
    static List<ReportedTest> fromTar(byte[] tar) throws IOException {
        List<ReportedTest> tests = new ArrayList<>();
        TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar));
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            if (e.isFile() && e.getName().matches(".*TEST-.*\\.xml")) {
                tests.addAll(parse(in.readAllBytes(), e.getName()));
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
            boolean flaky = false;
            for (Node child = tc.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element el)) {
                    continue;
                }
                switch (el.getTagName()) {
                    case "failure", "rerunFailure" -> {
                        status = TestStatus.combine(status, TestStatus.FAILED);
                        message = firstLine(el);
                    }
                    case "error", "rerunError" -> {
                        status = TestStatus.combine(status, TestStatus.ERROR);
                        message = firstLine(el);
                    }
                    case "skipped" -> status = TestStatus.combine(status, TestStatus.SKIPPED);
                    case "flakyFailure", "flakyError" -> flaky = true;
                    default -> { }
                }
            }
            double seconds = parseTime(tc.getAttribute("time"));
            TestId id = method.isBlank() ? TestId.ofClass(cls) : new TestId(cls, method);
            tests.add(new ReportedTest(id, status, seconds, message, flaky));
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

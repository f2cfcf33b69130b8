package dev.quorum.testgen;

import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxException;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the exception type of each failed test from a Surefire report: the test runner's results carry only
 * the message, and "fails for the right reason" depends on the type.
 */
final class BaseReports {
    private BaseReports() {
    }

    static Map<TestId, ReproductionTest.BaseFailure> failures(Sandbox sandbox, String module, String testClass) {
        String dir = module == null || module.isBlank() ? "" : module.replaceAll("/+$", "") + "/";
        byte[] xml;
        try {
            xml = sandbox.readFile(dir + "target/surefire-reports/TEST-" + testClass + ".xml");
        } catch (SandboxException e) {
            return Map.of();
        }
        Map<TestId, ReproductionTest.BaseFailure> out = new LinkedHashMap<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList cases = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element tc = (Element) cases.item(i);
                for (Node child = tc.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element el && (el.getTagName().equals("failure") || el.getTagName().equals("error"))) {
                        TestStatus status = el.getTagName().equals("failure") ? TestStatus.FAILED : TestStatus.ERROR;
                        String message = el.getAttribute("message").lines().findFirst().orElse("");
                        out.put(new TestId(tc.getAttribute("classname"), tc.getAttribute("name")),
                                new ReproductionTest.BaseFailure(status, el.getAttribute("type"), message));
                        break;
                    }
                }
            }
        } catch (Exception e) {
            return Map.of();
        }
        return out;
    }
}

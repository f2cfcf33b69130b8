package dev.quorum.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Opens a page in headless Chromium (Debian's package; scripts/setup.sh installs it) with a fresh profile, and
 * returns the DOM after its scripts ran, plus Chromium's network log of the load.
 */
record HeadlessChromium(Document dom, String netLog) {

    static HeadlessChromium load(Path page, String fragment, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        Path netLog = scratch.resolve("netlog-" + System.nanoTime() + ".json");
        String url = page.toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
        Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--log-net-log=" + netLog, "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(dom).as("chromium printed the DOM of " + url).contains("</html>");
        return new HeadlessChromium(Jsoup.parse(dom), Files.exists(netLog) ? Files.readString(netLog) : "");
    }

    /** Asserts the page asked the network for nothing: no remote src/href, and no http(s) URL in the net log. */
    void assertNothingFetched() {
        assertThat(dom.select("[src^=http], [href^=http], link[rel=stylesheet], script[src]"))
                .as("self-contained: no remote resources").isEmpty();
        assertThat(netLog).as("Chromium's network log was written").contains("\"events\"");
        assertThat(requestedUrls()).as("requests to the network other than Chromium's own service traffic").isEmpty();
    }

    /**
     * http(s) URLs in the network log, less Chromium's own background traffic (its clock check goes to
     * clients2.google.com whatever the flags say): nothing in a report points at Google, so any request left is
     * the page's.
     */
    java.util.List<String> requestedUrls() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"url\":\"(https?://[^\"/]+)[^\"]*\"")
                .matcher(netLog);
        java.util.List<String> urls = new java.util.ArrayList<>();
        while (m.find()) {
            String origin = m.group(1);
            if (!origin.matches("https?://[a-z0-9.-]+\\.(google\\.com|googleapis\\.com)(:\\d+)?")) {
                urls.add(origin);
            }
        }
        return urls;
    }
}

package dev.quorum.sandbox;

import java.net.URI;
import java.util.Map;

/** Turns proxy environment variables into a Maven settings.xml, since Maven ignores those variables. */
final class MavenProxySettings {
    private MavenProxySettings() {
    }

    static String settingsXml(Map<String, String> proxy) {
        StringBuilder xml = new StringBuilder("<settings>\n  <proxies>\n");
        String noProxy = proxy.getOrDefault("NO_PROXY", proxy.getOrDefault("no_proxy", ""));
        appendProxy(xml, "https", first(proxy, "HTTPS_PROXY", "https_proxy"), noProxy);
        appendProxy(xml, "http", first(proxy, "HTTP_PROXY", "http_proxy"), noProxy);
        return xml.append("  </proxies>\n</settings>\n").toString();
    }

    private static String first(Map<String, String> proxy, String a, String b) {
        return proxy.containsKey(a) ? proxy.get(a) : proxy.get(b);
    }

    private static void appendProxy(StringBuilder xml, String protocol, String url, String noProxy) {
        if (url == null || url.isBlank()) {
            return;
        }
        URI uri = URI.create(url.contains("://") ? url : "http://" + url);
        xml.append("    <proxy>\n      <id>").append(protocol).append("</id>\n      <active>true</active>\n")
                .append("      <protocol>").append(protocol).append("</protocol>\n")
                .append("      <host>").append(escape(uri.getHost())).append("</host>\n")
                .append("      <port>").append(uri.getPort() > 0 ? uri.getPort() : 80).append("</port>\n");
        if (uri.getUserInfo() != null) {
            String[] userPass = uri.getUserInfo().split(":", 2);
            xml.append("      <username>").append(escape(userPass[0])).append("</username>\n");
            if (userPass.length > 1) {
                xml.append("      <password>").append(escape(userPass[1])).append("</password>\n");
            }
        }
        if (!noProxy.isBlank()) {
            xml.append("      <nonProxyHosts>").append(escape(noProxy.replace(',', '|'))).append("</nonProxyHosts>\n");
        }
        xml.append("    </proxy>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

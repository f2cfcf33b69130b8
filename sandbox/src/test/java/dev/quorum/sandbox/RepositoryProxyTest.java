package dev.quorum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The repository proxy over real loopback sockets: what it tunnels and what it refuses. */
class RepositoryProxyTest {

    @Test
    void tunnelsToAnAllowedHostAndRefusesOthers() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket echo = new ServerSocket(0, 5, loopback);
             RepositoryProxy proxy = new RepositoryProxy(loopback, Set.of("repo.maven.apache.org"),
                     Set.of("localhost"), null)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (Exception ignored) {
                    // the test reads what it needs
                }
            });
            try (Socket client = new Socket(loopback, proxy.address().getPort())) {
                OutputStream out = client.getOutputStream();
                out.write(("CONNECT localhost:" + echo.getLocalPort() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("HTTP/1.1 200");
                assertThat(in.readLine()).isEmpty();
                out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("ping");
            }
            assertThat(answer(proxy, "CONNECT evil.example:443 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 403")
                    .contains("not one of the build's Maven repository hosts");
            assertThat(answer(proxy, "GET http://repo.maven.apache.org/ HTTP/1.1\r\n\r\n"))
                    .startsWith("HTTP/1.1 405");
        }
    }

    @Test
    void aRepositoryHostOnAPrivateAddressIsRefusedUnlessTheOperatorAllowedIt() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (RepositoryProxy proxy = new RepositoryProxy(loopback, Set.of("localhost", "repo.maven.apache.org"),
                Set.of(), null)) {
            assertThat(proxy.refusal("localhost", 443)).contains("local or private address");
            assertThat(proxy.refusal("repo.maven.apache.org", 22)).contains("port 22");
            assertThat(proxy.refusal("example.org", 443)).contains("QUORUM_BUILD_PROXY_ALLOW");
        }
    }

    private static String answer(RepositoryProxy proxy, String request) throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.address().getPort())) {
            client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}

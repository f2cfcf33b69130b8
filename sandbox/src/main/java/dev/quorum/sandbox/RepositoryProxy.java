package dev.quorum.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way out of an env-image build's network: an HTTP CONNECT proxy on the host that tunnels to the Maven
 * repository hosts it is given (port 443 or 80) and refuses everything else. A host that resolves to a loopback,
 * private or link-local address is refused unless it was allowed by the operator (a repository's poms may name any
 * host, and the build must not reach the host's own network through the proxy). Where the host itself needs a
 * proxy ({@code HTTPS_PROXY}), tunnels are chained through it, credentials included; the build never sees them.
 *
 * <p>Hand-written rather than a library: a CONNECT-only tunnel is a page of code, and the maintained Java proxy
 * libraries are full HTTP(S) intercepting proxies with far more surface than this needs.
 */
final class RepositoryProxy implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryProxy.class);
    private static final int MAX_HEADER = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 20_000;

    private final ServerSocket server;
    private final Set<String> hosts;
    private final Set<String> trustedHosts;
    private final URI upstream;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param bind         the address builds reach the host at (the build network's gateway)
     * @param hosts        repository hosts builds may reach (lower case)
     * @param trustedHosts hosts the operator allowed explicitly: reachable even on private addresses
     * @param upstream     the host's own proxy ({@code http://user:pass@proxy:3128}), or null for direct
     */
    RepositoryProxy(InetAddress bind, Set<String> hosts, Set<String> trustedHosts, URI upstream) throws IOException {
        this.server = new ServerSocket(0, 50, bind);
        this.hosts = Set.copyOf(hosts);
        this.trustedHosts = Set.copyOf(trustedHosts);
        this.upstream = upstream;
        threads.submit(this::acceptLoop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("repository proxy: accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            String[] request = head.lines().findFirst().orElse("").split(" ");
            if (request.length < 3 || !request[0].equals("CONNECT")) {
                refuse(out, 405, "only CONNECT (https) goes through Quorum's build proxy");
                return;
            }
            String target = request[1];
            int colon = target.lastIndexOf(':');
            String host = colon > 0 ? target.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            int port = colon > 0 ? parsePort(target.substring(colon + 1)) : -1;
            String refusal = refusal(host, port);
            if (refusal != null) {
                LOG.info("build proxy refused CONNECT {}: {}", target, refusal);
                refuse(out, 403, refusal);
                return;
            }
            try (Socket remote = open(host, port)) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                client.setSoTimeout(0);
                var back = threads.submit(() -> pipe(remote.getInputStream(), out, client));
                pipe(in, remote.getOutputStream(), remote);
                back.get();
            }
        } catch (Exception e) {
            LOG.debug("build proxy connection ended: {}", e.toString());
        }
    }

    /** Why a tunnel to host:port is refused, or null when it is allowed. */
    String refusal(String host, int port) {
        if (!hosts.contains(host) && !trustedHosts.contains(host)) {
            return host + " is not one of the build's Maven repository hosts " + hosts
                    + " (allow more with QUORUM_BUILD_PROXY_ALLOW)";
        }
        if (port != 443 && port != 80 && !trustedHosts.contains(host)) {
            return "port " + port + " is not 443 or 80";
        }
        if (trustedHosts.contains(host)) {
            return null;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                        || a.isAnyLocalAddress() || a.isMulticastAddress() || isUniqueLocal(a)) {
                    return host + " resolves to the local or private address " + a.getHostAddress()
                            + " (allow it explicitly with QUORUM_BUILD_PROXY_ALLOW)";
                }
            }
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        }
        return null;
    }

    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    private Socket open(String host, int port) throws IOException {
        Socket s = new Socket();
        if (upstream == null) {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return s;
        }
        s.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort() > 0 ? upstream.getPort() : 80),
                CONNECT_TIMEOUT_MS);
        StringBuilder connect = new StringBuilder("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":"
                + port + "\r\n");
        if (upstream.getRawUserInfo() != null) {
            String userInfo = java.net.URLDecoder.decode(upstream.getRawUserInfo(), StandardCharsets.UTF_8);
            connect.append("Proxy-Authorization: Basic ").append(Base64.getEncoder()
                    .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        s.getOutputStream().write(connect.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.setSoTimeout(CONNECT_TIMEOUT_MS);
        String reply = readHead(s.getInputStream());
        s.setSoTimeout(0);
        String status = reply.lines().findFirst().orElse("");
        if (!status.matches("HTTP/1\\.[01] 200.*")) {
            s.close();
            throw new IOException("the host's proxy refused CONNECT " + host + ":" + port + ": " + status);
        }
        return s;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEADER) {
                throw new IOException("incomplete or oversized request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(OutputStream out, int code, String why) throws IOException {
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + code + (code == 403 ? " Forbidden" : " Method Not Allowed")
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Copies until end of stream, then half-closes the other side so the peer sees the end too. */
    private static Void pipe(InputStream from, OutputStream to, Socket toSocket) throws IOException {
        try {
            from.transferTo(to);
        } catch (IOException e) {
            // the other direction closed the socket: the tunnel is over
        } finally {
            try {
                toSocket.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket has nothing to report
        }
        threads.shutdownNow();
    }
}

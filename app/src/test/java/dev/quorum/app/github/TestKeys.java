package dev.quorum.app.github;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** An RSA key pair made once per test JVM, written as PEM the way GitHub hands App keys out (PKCS#1) or PKCS#8. */
final class TestKeys {
    static final KeyPair PAIR = generate();

    private TestKeys() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "-----BEGIN RSA PRIVATE KEY-----" (PKCS#1), as in the file GitHub lets you download. */
    static Path writePkcs1(Path dir) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(PAIR.getPrivate());
        }
        Path file = dir.resolve("app-pkcs1.pem");
        Files.writeString(file, text.toString());
        return file;
    }

    /** "-----BEGIN PRIVATE KEY-----" (PKCS#8), what `openssl pkcs8 -topk8 -nocrypt` makes of it. */
    static Path writePkcs8(Path dir) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(PAIR.getPrivate().getEncoded());
        Path file = dir.resolve("app-pkcs8.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        return file;
    }
}

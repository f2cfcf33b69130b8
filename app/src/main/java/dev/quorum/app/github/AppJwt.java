package dev.quorum.app.github;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Signs the short-lived JWT a GitHub App authenticates with (RS256, issuer = the App id). Issued-at is set
 * a minute in the past to absorb clock drift between this machine and GitHub; the token lives nine minutes,
 * under GitHub's ten-minute ceiling.
 */
final class AppJwt {
    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);

    private final String appId;
    private final Algorithm algorithm;
    private final Clock clock;

    AppJwt(String appId, RSAPrivateKey key, Clock clock) {
        this.appId = appId;
        this.algorithm = Algorithm.RSA256(null, key);
        this.clock = clock;
    }

    static AppJwt fromPemFile(String appId, Path pem, Clock clock) {
        return new AppJwt(appId, readPrivateKey(pem), clock);
    }

    String create() {
        Instant now = clock.instant();
        return JWT.create()
                .withIssuer(appId)
                .withIssuedAt(now.minus(BACKDATE))
                .withExpiresAt(now.plus(LIFETIME))
                .sign(algorithm);
    }

    /** Reads an RSA private key from PEM: PKCS#1 ("BEGIN RSA PRIVATE KEY", as GitHub issues them) or PKCS#8. */
    static RSAPrivateKey readPrivateKey(Path pem) {
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey key;
            if (object instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else if (object instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new IllegalArgumentException(pem + " holds no unencrypted private key (found "
                        + (object == null ? "nothing" : object.getClass().getSimpleName()) + ")");
            }
            if (!(key instanceof RSAPrivateKey rsa)) {
                throw new IllegalArgumentException(pem + " holds a " + key.getAlgorithm()
                        + " key; GitHub Apps sign with RSA");
            }
            return rsa;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the private key " + pem + ": " + e.getMessage(), e);
        }
    }
}

package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppJwtTest {
    @TempDir
    Path dir;

    @Test
    void signsAnRs256TokenThatVerifiesWithThePublicKeyAndHasGitHubsClaims() throws Exception {
        Path pem = TestKeys.writePkcs1(dir);
        assertThat(Files.readString(pem)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        AppJwt jwt = AppJwt.fromPemFile("12345", pem, new MutableClock(now));

        String token = jwt.create();

        DecodedJWT decoded = JWT.require(Algorithm.RSA256((RSAPublicKey) TestKeys.PAIR.getPublic(), null))
                .withIssuer("12345").acceptLeeway(Long.MAX_VALUE / 2000).build().verify(token);
        assertThat(decoded.getAlgorithm()).isEqualTo("RS256");
        assertThat(decoded.getIssuedAtAsInstant()).isEqualTo(now.minusSeconds(60));
        assertThat(decoded.getExpiresAtAsInstant()).isAfter(now)
                .isBeforeOrEqualTo(decoded.getIssuedAtAsInstant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void readsPkcs8KeysToo() throws Exception {
        Path pem = TestKeys.writePkcs8(dir);
        assertThat(Files.readString(pem)).startsWith("-----BEGIN PRIVATE KEY-----");

        assertThat(AppJwt.readPrivateKey(pem).getModulus())
                .isEqualTo(((RSAPublicKey) TestKeys.PAIR.getPublic()).getModulus());
    }

    @Test
    void aTokenSignedByAnotherKeyDoesNotVerify() throws Exception {
        AppJwt jwt = AppJwt.fromPemFile("12345", TestKeys.writePkcs1(dir), java.time.Clock.systemUTC());
        var other = java.security.KeyPairGenerator.getInstance("RSA");
        other.initialize(2048);
        RSAPublicKey wrong = (RSAPublicKey) other.generateKeyPair().getPublic();

        assertThatThrownBy(() -> JWT.require(Algorithm.RSA256(wrong, null)).build().verify(jwt.create()))
                .isInstanceOf(com.auth0.jwt.exceptions.SignatureVerificationException.class);
    }

    @Test
    void aFileWithoutAKeyIsExplained() throws Exception {
        Path pem = dir.resolve("empty.pem");
        Files.writeString(pem, "not a key\n");

        assertThatThrownBy(() -> AppJwt.readPrivateKey(pem)).hasMessageContaining("no unencrypted private key");
    }
}

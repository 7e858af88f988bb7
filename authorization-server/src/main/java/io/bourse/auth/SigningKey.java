package io.bourse.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The key this issuer signs tokens with, published at its JWKS endpoint: the configured one, so that tokens stay
 * valid across restarts and a test can sign tokens the services must judge, or else a fresh one.
 */
@Configuration(proxyBeanMethods = false)
class SigningKey {

    @Bean
    JWKSource<SecurityContext> signingKeys(AuthProperties properties) throws IOException, GeneralSecurityException {
        RSAKey key = properties.getSigningKey() == null ? generated() : loaded(properties.getSigningKey());
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    private static RSAKey generated() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        return keyOf((RSAPublicKey) pair.getPublic(), (RSAPrivateCrtKey) pair.getPrivate());
    }

    private static RSAKey loaded(Resource pem) throws IOException, GeneralSecurityException {
        String text;
        try (InputStream in = pem.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String body = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return keyOf(publicKey, privateKey);
    }

    /** The key id is the key's own thumbprint, so the same key always has the same id. */
    private static RSAKey keyOf(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
        try {
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new GeneralSecurityException("cannot name the signing key", e);
        }
    }
}

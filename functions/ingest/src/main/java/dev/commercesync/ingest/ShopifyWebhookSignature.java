package dev.commercesync.ingest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * Shopify's webhook signature: {@code X-Shopify-Hmac-Sha256} is base64(HMAC-SHA256(app secret, raw body)). It covers
 * the body bytes only, so it must be checked on the bytes exactly as they arrived, never on re-serialised JSON.
 */
public final class ShopifyWebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public ShopifyWebhookSignature(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the Shopify webhook secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** True only when {@code headerValue} is the base64 signature of exactly these bytes. */
    public boolean verify(byte[] rawBody, String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(headerValue.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // Constant time, so response timing does not reveal how many leading bytes of a forgery were right.
        return MessageDigest.isEqual(mac(rawBody), presented);
    }

    /** The header value Shopify would send for this body; used to sign test deliveries. */
    public String sign(byte[] rawBody) {
        return Base64.getEncoder().encodeToString(mac(rawBody));
    }

    private byte[] mac(byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(rawBody);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

package dev.commercesync.runlocal.demo;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Signs webhook bodies as Shopify does: {@code X-Shopify-Hmac-Sha256} = base64(HMAC-SHA256(app secret, raw body)),
 * over the bytes exactly as sent.
 */
final class ShopifyHmac {

    static final String HMAC = "X-Shopify-Hmac-Sha256";
    static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    static final String TOPIC = "X-Shopify-Topic";
    static final String SHOP_DOMAIN = "X-Shopify-Shop-Domain";

    private final SecretKeySpec key;

    ShopifyHmac(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256 (javax.crypto.Mac contract).
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

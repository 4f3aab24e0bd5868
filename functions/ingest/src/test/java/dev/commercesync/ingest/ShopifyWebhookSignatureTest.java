package dev.commercesync.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The expected values were computed outside Java, with
 * {@code printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64}.
 */
class ShopifyWebhookSignatureTest {

    private static final String SECRET = "hush-shopify-webhook-secret";
    private static final byte[] ORDER = bytes("{\"id\":820982911946154508,\"email\":\"jon@example.com\",\"total_price\":\"403.00\"}");
    private static final String ORDER_SIGNATURE = "Ovlx2m7mrcOk2QDgTVKFqAHcCdo2pPSBTaRptkTIwz4=";
    /** Non-ASCII: the MAC is over the UTF-8 bytes, so "ß" counts as two bytes. */
    private static final byte[] UMLAUT_ORDER = bytes("{\"id\":450789469,\"shipping_address\":{\"address1\":\"Examplestraße 1\"}}");
    private static final String UMLAUT_SIGNATURE = "cELdhQrySbZhU9DFNO6LtogC2J8lDd2rL8yAaFDhdOs=";

    private final ShopifyWebhookSignature signature = new ShopifyWebhookSignature(SECRET);

    @Test
    void acceptsTheSignatureOpensslComputed() {
        assertThat(signature.verify(ORDER, ORDER_SIGNATURE)).isTrue();
        assertThat(signature.verify(UMLAUT_ORDER, UMLAUT_SIGNATURE)).isTrue();
        assertThat(signature.sign(ORDER)).isEqualTo(ORDER_SIGNATURE);
    }

    @Test
    void matchesTheWellKnownHmacSha256Vector() {
        // HMAC_SHA256("key", "The quick brown fox jumps over the lazy dog") = f7bc83f4...2d1a3cd8
        assertThat(new ShopifyWebhookSignature("key").sign(bytes("The quick brown fox jumps over the lazy dog")))
                .isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    }

    @Test
    void rejectsAnyChangeToTheBytes() {
        byte[] reformatted = bytes("{\"id\": 820982911946154508, \"email\": \"jon@example.com\", \"total_price\": \"403.00\"}");
        assertThat(signature.verify(reformatted, ORDER_SIGNATURE)).isFalse();
        byte[] tampered = ORDER.clone();
        tampered[tampered.length - 3] = '1';
        assertThat(signature.verify(tampered, ORDER_SIGNATURE)).isFalse();
    }

    @Test
    void rejectsAnotherSecretsSignature() {
        assertThat(new ShopifyWebhookSignature("other-secret").verify(ORDER, ORDER_SIGNATURE)).isFalse();
    }

    @Test
    void rejectsMissingMalformedOrTruncatedHeaders() {
        assertThat(signature.verify(ORDER, null)).isFalse();
        assertThat(signature.verify(ORDER, "")).isFalse();
        assertThat(signature.verify(ORDER, "not base64 at all!")).isFalse();
        assertThat(signature.verify(ORDER, ORDER_SIGNATURE.substring(0, 20))).isFalse();
        // Hex instead of base64 is a common integration mistake; it must not pass.
        assertThat(signature.verify(ORDER, "3a5971da6ee6adc3a4d900e04d5285a8")).isFalse();
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> new ShopifyWebhookSignature("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

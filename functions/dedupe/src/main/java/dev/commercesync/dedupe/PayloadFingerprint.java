package dev.commercesync.dedupe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.order.CanonicalOrder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a canonical order's JSON with a fixed property order, so the same order always hashes the same and any
 * changed amount, line or address changes the hash.
 */
public final class PayloadFingerprint {

    private static final ObjectMapper STABLE = CommerceJson.newMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PayloadFingerprint() {
    }

    public static String of(CanonicalOrder order) {
        try {
            byte[] json = STABLE.writeValueAsBytes(order);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint order " + order.key(), e);
        }
    }

    /** The canonical order's JSON as it is stored on the order state. */
    public static String json(CanonicalOrder order) {
        try {
            return STABLE.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write order " + order.key(), e);
        }
    }
}

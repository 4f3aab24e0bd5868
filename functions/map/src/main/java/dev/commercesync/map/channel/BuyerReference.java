package dev.commercesync.map.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The buyer reference for channels that give no customer id (Amazon, Shopify guest checkout): a stable SHA-256 of
 * the normalised e-mail, so the same buyer gets the same reference and the reference itself is safe to log.
 */
public final class BuyerReference {

    private static final String PREFIX = "email-sha256:";

    private BuyerReference() {
    }

    /** @return the reference, or null when there is no e-mail to derive it from */
    public static String fromEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        byte[] normalised = email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return PREFIX + HexFormat.of().formatHex(sha256().digest(normalised));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256 (java.security.MessageDigest contract).
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

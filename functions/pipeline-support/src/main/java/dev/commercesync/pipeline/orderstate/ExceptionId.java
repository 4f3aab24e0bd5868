package dev.commercesync.pipeline.orderstate;

import dev.commercesync.model.order.ChannelOrderKey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Addresses one business exception: the order plus the exception's 1-based position in the order's exceptions list,
 * which only ever grows, so the id never points elsewhere. Text form {@code <base64url(orderKey)>.<sequence>}
 * ({@code c2hvcGlmeTo0NTA3ODk0Njk.2}): URL-safe whatever characters a channel puts in its order ids, and no table or
 * index is needed to resolve it.
 */
public record ExceptionId(ChannelOrderKey order, int sequence) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public ExceptionId {
        if (sequence < 1) {
            throw new IllegalArgumentException("exception sequence starts at 1");
        }
    }

    public String value() {
        return ENCODER.encodeToString(order.value().getBytes(StandardCharsets.UTF_8)) + "." + sequence;
    }

    /** @throws IllegalArgumentException when {@code text} is not an exception id */
    public static ExceptionId parse(String text) {
        int dot = text == null ? -1 : text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("not an exception id");
        }
        String sequence = text.substring(dot + 1);
        if (!sequence.chars().allMatch(Character::isDigit) || sequence.length() > 6) {
            throw new IllegalArgumentException("not an exception id");
        }
        String orderKey;
        try {
            orderKey = new String(DECODER.decode(text.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an exception id", e);
        }
        return new ExceptionId(ChannelOrderKey.parse(orderKey), Integer.parseInt(sequence));
    }

    @Override
    public String toString() {
        return value();
    }
}

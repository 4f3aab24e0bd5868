package dev.commercesync.model.order;

/**
 * Who placed the order. {@code reference} is the channel's customer id (or a stable hash of the buyer's e-mail when
 * the channel gives none) and is safe to log; name and e-mail are personal data and never appear in {@link #toString()}.
 */
public record Buyer(String reference, String name, String email) {

    @Override
    public String toString() {
        return "Buyer[reference=" + reference + ", name=<redacted>, email=<redacted>]";
    }
}

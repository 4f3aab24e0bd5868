package dev.commercesync.inventory.channel;

/**
 * What a channel listing shows now, read back for drift repair.
 *
 * @param quantity null when it could not be read; {@code problem} then says why
 */
public record ShownQuantity(String listingKey, Long quantity, String problem) {

    public static ShownQuantity of(String listingKey, long quantity) {
        return new ShownQuantity(listingKey, quantity, null);
    }

    public static ShownQuantity unreadable(String listingKey, String problem) {
        return new ShownQuantity(listingKey, null, problem);
    }
}

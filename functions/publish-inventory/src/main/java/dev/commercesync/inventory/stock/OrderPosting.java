package dev.commercesync.inventory.stock;

import java.time.Instant;

/**
 * Where an order stands with the ERP, as far as stock holds care.
 *
 * @param posted   the ERP has the order's latest accepted version
 * @param postedAt when the ERP confirmed it (the order state's last change); null unless posted
 */
public record OrderPosting(boolean posted, Instant postedAt) {

    public static final OrderPosting NOT_POSTED = new OrderPosting(false, null);
}

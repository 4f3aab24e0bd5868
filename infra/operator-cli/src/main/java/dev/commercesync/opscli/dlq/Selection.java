package dev.commercesync.opscli.dlq;

import java.util.List;

/**
 * What {@code dlq show} found.
 *
 * @param scanned messages looked at
 * @param capped  true when the look stopped at the scan limit (more may be there)
 * @param matched those the filter took, in the order the queue handed them out
 */
public record Selection(String queue, String filter, int scanned, boolean capped, List<DeadLetter> matched) {
}

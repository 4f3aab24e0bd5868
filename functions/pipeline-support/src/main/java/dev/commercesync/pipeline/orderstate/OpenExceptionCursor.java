package dev.commercesync.pipeline.orderstate;

/**
 * A position in the open-exception index of one exception type: the index and table keys of the last order read,
 * exactly as stored.
 */
public record OpenExceptionCursor(String orderKey, String openExceptionAt) {
}

package dev.commercesync.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * Body of {@code 202 Accepted} for stock figures: how many were queued, and their event ids in the order sent (the
 * correlation id is in {@code X-Correlation-Id}).
 */
@RegisterForReflection
public record InventoryReceipt(int accepted, List<String> eventIds) {
}

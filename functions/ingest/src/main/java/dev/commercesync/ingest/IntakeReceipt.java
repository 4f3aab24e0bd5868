package dev.commercesync.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code 202 Accepted}: what to quote when asking about this intake. */
@RegisterForReflection
public record IntakeReceipt(String correlationId, String orderKey) {
}

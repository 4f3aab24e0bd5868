package dev.commercesync.erp;

/**
 * The ERP refuses us for a reason no order can fix: our credentials (401/403), or an endpoint or media type it does
 * not have (404 on the collection, 405, 406, 415 — a wrong {@code ERP_BASE_URL} or a facade that does not speak the
 * contract). Not a rejection of the order, so the order is not marked ERP_REJECTED: the posting stays queued until the
 * configuration is fixed (or lands in the DLQ), and repeated refusals open the circuit breaker so we stop knocking.
 */
public class ErpConfigurationException extends RuntimeException {

    public ErpConfigurationException(String message) {
        super(message);
    }
}

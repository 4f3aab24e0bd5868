package dev.commercesync.erp;

/**
 * The ERP refused the order for a business reason (4xx: unknown SKU, blocked customer, closed period...). Asking
 * again cannot help: the order is recorded as ERP_REJECTED with the ERP's own message for an operator.
 */
public class ErpRejectedException extends RuntimeException {

    private final int status;

    /** @param erpMessage what the ERP said, shown to the operator verbatim */
    public ErpRejectedException(int status, String erpMessage) {
        super(erpMessage);
        this.status = status;
    }

    /** The HTTP status the ERP answered with, or 0 when the refusal was ours (an unusable answer). */
    public int status() {
        return status;
    }
}

package dev.commercesync.erp;

/**
 * A create went out but its answer never came back (timeout, dropped connection): the ERP may or may not hold the
 * order now. Repeating the create blindly is exactly how duplicate ERP orders happen, so it is not repeated; the next
 * attempt starts by looking the order up ({@link ErpPosting}).
 */
public class ErpOutcomeUnknownException extends TransientErpException {

    public ErpOutcomeUnknownException(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}

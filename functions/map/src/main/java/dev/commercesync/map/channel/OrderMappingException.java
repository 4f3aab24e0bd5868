package dev.commercesync.map.channel;

/**
 * A channel body that cannot be mapped. Checked, because bad input is an expected outcome of mapping that the caller
 * must turn into a rejection, not a crash. The message is shown to the operator as is.
 */
public class OrderMappingException extends Exception {

    public OrderMappingException(String message) {
        super(message);
    }
}

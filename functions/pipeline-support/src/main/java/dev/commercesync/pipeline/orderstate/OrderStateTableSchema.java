package dev.commercesync.pipeline.orderstate;

/**
 * Names in the order-state table that the code relies on. {@code infra/template.yaml} must declare the same keys and
 * index; a build test holds the template to these constants.
 */
public final class OrderStateTableSchema {

    /** Partition key: the {@link dev.commercesync.model.order.ChannelOrderKey} text form. */
    public static final String PARTITION_KEY = "orderKey";
    /** GSI for "orders in state S for longer than N minutes": partition {@link #STATUS}, sort {@link #UPDATED_AT}. */
    public static final String STATUS_INDEX = "status-updatedAt-index";
    public static final String STATUS = "status";
    /** Fixed-width ISO-8601 UTC with milliseconds, so it sorts as text. */
    public static final String UPDATED_AT = "updatedAt";

    /**
     * Sparse GSI for "open business exceptions of type T raised before X": partition {@link #OPEN_EXCEPTION_TYPE},
     * sort {@link #OPEN_EXCEPTION_AT}, projection ALL. Only an order with an open exception carries the two keys, and
     * they describe its oldest open one; the store removes them once none is open.
     */
    public static final String OPEN_EXCEPTION_INDEX = "open-exception-index";
    public static final String OPEN_EXCEPTION_TYPE = "openExceptionType";
    /** Fixed-width ISO-8601 UTC with milliseconds, like {@link #UPDATED_AT}. */
    public static final String OPEN_EXCEPTION_AT = "openExceptionAt";

    private OrderStateTableSchema() {
    }
}

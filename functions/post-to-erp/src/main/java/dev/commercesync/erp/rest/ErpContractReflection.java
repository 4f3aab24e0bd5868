package dev.commercesync.erp.rest;

import dev.commercesync.erp.ErpSalesOrder;
import dev.commercesync.model.order.Address;
import dev.commercesync.model.order.OrderStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The sales order is written by Jackson through reflection, and a native image keeps only what is registered. The
 * core package stays free of Quarkus, so the registration lives with the adapter that writes it. Answers are read as
 * trees and need none.
 */
@RegisterForReflection(targets = {
        ErpSalesOrder.class, ErpSalesOrder.Customer.class, ErpSalesOrder.Line.class,
        ErpSalesOrder.ShippingCharge.class, ErpSalesOrder.Discount.class, ErpSalesOrder.Tax.class,
        ErpSalesOrder.Totals.class, Address.class, OrderStatus.class})
public final class ErpContractReflection {
    private ErpContractReflection() {
    }
}

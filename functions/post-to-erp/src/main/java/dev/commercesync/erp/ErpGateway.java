package dev.commercesync.erp;

import java.util.Optional;

/**
 * The ERP as post-to-erp needs it: find a sales order by the order key it was created with, create one, replace one
 * with a newer version. The REST adapter speaks {@code infra/erp/generic-erp-openapi.yaml}.
 * <p>
 * Every method returns the document the ERP holds <em>after</em> the call, with the version it holds, so the caller
 * decides by versions alone and never by which status code came back.
 *
 * @see ErpPosting for the rule that uses it
 */
public interface ErpGateway {

    /**
     * @return the document created with this external reference, or empty when the ERP has none
     * @throws ErpRejectedException    when the ERP's answer cannot be used (e.g. two documents for one reference)
     * @throws TransientErpException   when the ERP could not answer now
     * @throws ErpConfigurationException when the ERP refuses us for a reason no order can fix
     */
    Optional<ErpDocument> findByExternalReference(String externalReference);

    /**
     * Creates the sales order. When the ERP already holds a document with this external reference (a repeated or
     * concurrent create), that document is returned instead and nothing new is created; its version may be older than
     * {@code order}'s.
     *
     * @throws ErpRejectedException        when the ERP refuses the order for a business reason
     * @throws ErpOutcomeUnknownException  when the request went out but no answer came back: the ERP may hold it now
     * @throws TransientErpException       when the ERP could not take it now
     * @throws ErpConfigurationException    when the ERP refuses us for a reason no order can fix
     */
    ErpDocument create(ErpSalesOrder order);

    /**
     * Replaces document {@code documentId} with {@code order}, a newer version of the same order. When the ERP holds a
     * version at least as new, nothing changes and that document (with its version) is returned.
     *
     * @throws ErpRejectedException     when the ERP refuses the change or no longer has the document
     * @throws TransientErpException    when the ERP could not take it now
     * @throws ErpConfigurationException when the ERP refuses us for a reason no order can fix
     */
    ErpDocument update(String documentId, ErpSalesOrder order);
}

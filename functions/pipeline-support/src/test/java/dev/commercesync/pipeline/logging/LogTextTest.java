package dev.commercesync.pipeline.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {

    @Test
    void quotedValuesAreBlankedAndTheRestKept() {
        assertThat(LogText.withoutQuotedValues(
                "shopify order 1001: shipping_address.zip 'Jane Doe, 1 Main St' is not text; note \"x\""))
                .isEqualTo("shopify order 1001: shipping_address.zip '…' is not text; note \"…\"");
        assertThat(LogText.withoutQuotedValues("body is not valid JSON: Unrecognized token 'Jane': was expecting"))
                .isEqualTo("body is not valid JSON: Unrecognized token '…': was expecting");
        assertThat(LogText.withoutQuotedValues("3 lines without a SKU")).isEqualTo("3 lines without a SKU");
        assertThat(LogText.withoutQuotedValues(null)).isNull();
    }
}

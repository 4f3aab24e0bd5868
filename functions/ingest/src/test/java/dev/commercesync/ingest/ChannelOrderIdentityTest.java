package dev.commercesync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.order.SalesChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelOrderIdentityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsEachChannelsIdFromItsRealPayload() throws IOException {
        assertThat(ChannelOrderIdentity.of(SalesChannel.SHOPIFY, fixture("shopify/orders-create-eur-two-lines.json")))
                .isEqualTo(new ChannelOrderIdentity.Found("820982911946154508"));
        assertThat(ChannelOrderIdentity.of(SalesChannel.AMAZON, fixture("amazon/order-with-items-de.json")))
                .isEqualTo(new ChannelOrderIdentity.Found("028-1234567-7654321"));
        assertThat(ChannelOrderIdentity.of(SalesChannel.EBAY, fixture("ebay/order-gb-one-line.json")))
                .isEqualTo(new ChannelOrderIdentity.Found("12-34567-89012"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "SHOPIFY | {\"email\":\"a@example.com\"}                 | id is missing",
            "SHOPIFY | {\"id\":null}                                 | id is missing",
            "SHOPIFY | {\"id\":\"gid://shopify/Order/1\"}            | id must be a positive integer",
            "SHOPIFY | {\"id\":12.5}                                 | id must be a positive integer",
            "SHOPIFY | {\"id\":-4}                                   | id must be a positive integer",
            "SHOPIFY | [1,2]                                         | body is not a JSON object",
            "AMAZON  | {\"AmazonOrderId\":\"028-1234567-7654321\"}   | order is missing",
            "AMAZON  | {\"order\":\"028-1234567-7654321\"}           | order is not a JSON object",
            "AMAZON  | {\"order\":{\"OrderStatus\":\"Shipped\"}}     | order.AmazonOrderId is missing",
            "AMAZON  | {\"order\":{\"AmazonOrderId\":\"  \"}}        | order.AmazonOrderId is empty",
            "AMAZON  | {\"order\":{\"AmazonOrderId\":281234567}}     | order.AmazonOrderId must be a string",
            "EBAY    | {\"legacyOrderId\":\"110-1\"}                 | orderId is missing",
            "EBAY    | {\"orderId\":\"12 34\"}                       | orderId is not a plausible order id (printable ASCII, at most 128 characters)",
    })
    void namesTheFieldAndTheFault(SalesChannel channel, String body, String reason) throws IOException {
        assertThat(ChannelOrderIdentity.of(channel, JSON.readTree(body)))
                .isEqualTo(new ChannelOrderIdentity.Missing(reason));
    }

    @Test
    void acceptsAQuotedShopifyIdAndTrimsTextIds() throws IOException {
        assertThat(ChannelOrderIdentity.of(SalesChannel.SHOPIFY, JSON.readTree("{\"id\":\"820982911946154508\"}")))
                .isEqualTo(new ChannelOrderIdentity.Found("820982911946154508"));
        assertThat(ChannelOrderIdentity.of(SalesChannel.EBAY, JSON.readTree("{\"orderId\":\" 12-34567-89012 \"}")))
                .isEqualTo(new ChannelOrderIdentity.Found("12-34567-89012"));
    }

    @Test
    void rejectsAnOverlongId() throws IOException {
        String id = "x".repeat(ChannelOrderIdentity.MAX_LENGTH + 1);
        assertThat(ChannelOrderIdentity.of(SalesChannel.EBAY, JSON.readTree("{\"orderId\":\"" + id + "\"}")))
                .isInstanceOf(ChannelOrderIdentity.Missing.class);
    }

    private static JsonNode fixture(String path) throws IOException {
        try (InputStream in = ChannelOrderIdentityTest.class.getClassLoader().getResourceAsStream(path)) {
            return JSON.readTree(in);
        }
    }
}

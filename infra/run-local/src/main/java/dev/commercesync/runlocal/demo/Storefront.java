package dev.commercesync.runlocal.demo;

import dev.commercesync.model.order.SalesChannel;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Where the demo retailer sells: three Shopify shops, three Amazon marketplaces, three eBay sites. Each has one
 * currency and one tax mode (US shops add sales tax on top; EU and UK prices include VAT), and ships to a few
 * destinations. The weights give the mix of a small brand: Shopify first, then Amazon, then eBay.
 */
enum Storefront {
    SHOPIFY_US(SalesChannel.SHOPIFY, "commerce-sync-demo.myshopify.com", "USD", false, ZoneOffset.ofHours(-5), 25,
            List.of(Destination.US_NY, Destination.US_NY, Destination.US_TX, Destination.US_WA, Destination.CA_ON),
            List.of(new ShippingOption("Standard Shipping", "Standard", "9.95"),
                    new ShippingOption("Express Shipping", "Express", "19.95"))),
    SHOPIFY_EU(SalesChannel.SHOPIFY, "commerce-sync-demo-eu.myshopify.com", "EUR", true, ZoneOffset.ofHours(1), 12,
            List.of(Destination.DE_BE, Destination.DE_HH),
            List.of(new ShippingOption("DHL Paket", "DHL Paket", "4.90"))),
    SHOPIFY_UK(SalesChannel.SHOPIFY, "commerce-sync-demo-uk.myshopify.com", "GBP", true, ZoneOffset.UTC, 8,
            List.of(Destination.GB_LDN, Destination.GB_MAN),
            List.of(new ShippingOption("Royal Mail Tracked 48", "RM-T48", "3.99"))),
    AMAZON_US(SalesChannel.AMAZON, "ATVPDKIKX0DER", "USD", false, ZoneOffset.UTC, 15,
            List.of(Destination.US_NY, Destination.US_TX, Destination.US_WA),
            List.of(new ShippingOption("Std US D2D Dom", "Standard", "5.99"))),
    AMAZON_DE(SalesChannel.AMAZON, "A1PA6795UKMFR9", "EUR", true, ZoneOffset.UTC, 9,
            List.of(Destination.DE_BE, Destination.DE_HH),
            List.of(new ShippingOption("Std DE Dom", "Standard", "3.90"))),
    AMAZON_UK(SalesChannel.AMAZON, "A1F83G8C2ARO7P", "GBP", true, ZoneOffset.UTC, 6,
            List.of(Destination.GB_LDN, Destination.GB_MAN),
            List.of(new ShippingOption("Std UK Dom", "Standard", "2.99"))),
    EBAY_US(SalesChannel.EBAY, "EBAY_US", "USD", false, ZoneOffset.UTC, 12,
            List.of(Destination.US_NY, Destination.US_TX, Destination.US_WA),
            List.of(new ShippingOption("USPS Priority Mail", "USPSPriority", "6.50"))),
    EBAY_GB(SalesChannel.EBAY, "EBAY_GB", "GBP", true, ZoneOffset.UTC, 8,
            List.of(Destination.GB_LDN, Destination.GB_MAN),
            List.of(new ShippingOption("Royal Mail 2nd Class", "UK_RoyalMailSecondClassStandard", "3.49"))),
    EBAY_DE(SalesChannel.EBAY, "EBAY_DE", "EUR", true, ZoneOffset.UTC, 5,
            List.of(Destination.DE_BE, Destination.DE_HH),
            List.of(new ShippingOption("DHL Paket", "DE_DHLPaket", "4.99")));

    /** A delivery service the storefront offers, at its flat price in the storefront's currency. */
    record ShippingOption(String title, String code, BigDecimal price) {
        ShippingOption(String title, String code, String price) {
            this(title, code, new BigDecimal(price));
        }
    }

    private final SalesChannel channel;
    private final String id;
    private final String currency;
    private final boolean taxesIncluded;
    private final ZoneOffset localTime;
    private final int weight;
    private final List<Destination> destinations;
    private final List<ShippingOption> shipping;

    Storefront(SalesChannel channel, String id, String currency, boolean taxesIncluded, ZoneOffset localTime,
               int weight, List<Destination> destinations, List<ShippingOption> shipping) {
        this.channel = channel;
        this.id = id;
        this.currency = currency;
        this.taxesIncluded = taxesIncluded;
        this.localTime = localTime;
        this.weight = weight;
        this.destinations = destinations;
        this.shipping = shipping;
    }

    SalesChannel channel() {
        return channel;
    }

    /** Shop domain (Shopify), marketplace id (Amazon), marketplace (eBay). */
    String id() {
        return id;
    }

    String currency() {
        return currency;
    }

    boolean taxesIncluded() {
        return taxesIncluded;
    }

    /** The shop's time zone in November, in which Shopify writes its timestamps. */
    ZoneOffset localTime() {
        return localTime;
    }

    /** Share of the demo's orders, relative to the other storefronts' weights. */
    int weight() {
        return weight;
    }

    /** Destinations, a repeated one being likelier. */
    List<Destination> destinations() {
        return destinations;
    }

    List<ShippingOption> shipping() {
        return shipping;
    }
}

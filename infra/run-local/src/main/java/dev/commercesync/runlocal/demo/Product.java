package dev.commercesync.runlocal.demo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An item the demo retailer sells on every channel, with its list price per currency.
 *
 * @param sku           the retailer's item number: what the ERP knows
 * @param title         as listed
 * @param reducedVat    food, sold at the reduced VAT rate where there is one (DE 7 %)
 * @param grams         shipping weight
 * @param shopifyVariant the Shopify variant id
 * @param asin          the Amazon catalogue id
 * @param ebayListing   the eBay listing (legacy item) id
 * @param prices        list price per ISO 4217 currency (CAD orders are priced in the USD shop's currency)
 */
record Product(String sku, String title, boolean reducedVat, int grams, long shopifyVariant, String asin,
               String ebayListing, Map<String, BigDecimal> prices) {

    BigDecimal price(String currency) {
        BigDecimal price = prices.get(currency);
        if (price == null) {
            throw new IllegalArgumentException(sku + " has no " + currency + " price");
        }
        return price;
    }

    /** The demo retailer's range: apparel, coffee, outdoor and desk things, priced as a small D2C brand would. */
    static final List<Product> RANGE = List.of(
            product("TSH-CLASSIC-BLK-M", "Classic T-Shirt - Black / M", false, 250, "25.00", "24.90", "19.99"),
            product("MUG-STONEWARE-12OZ", "Stoneware Mug 12 oz", false, 400, "14.50", "14.90", "12.50"),
            product("CAP-LOGO-NAVY", "Logo Cap - Navy", false, 120, "18.00", "17.90", "15.00"),
            product("COF-ESP-1000", "Espresso Beans House Blend 1 kg", true, 1050, "27.50", "24.90", "21.00"),
            product("TMP-58-WAL", "Espresso Tamper 58 mm, Walnut", false, 480, "42.00", "39.00", "34.00"),
            product("BKP-TRAIL-30L", "Trail Backpack 30 L", false, 1100, "89.00", "84.90", "75.00"),
            product("BTL-STEEL-750", "Insulated Steel Bottle 750 ml", false, 390, "24.00", "22.90", "19.50"),
            product("HDP-WIRELESS-BLK", "Wireless Over-Ear Headphones - Black", false, 310, "79.99", "79.90",
                    "69.99"),
            product("CBL-USBC-2M", "USB-C Charging Cable 2 m, braided", false, 60, "12.99", "11.90", "9.99"),
            product("SCK-MERINO-L", "Merino Hiking Socks - L", false, 90, "16.00", "15.90", "13.50"),
            product("NBK-A5-DOT", "Dot-Grid Notebook A5", false, 260, "9.50", "8.90", "7.50"),
            product("CND-SOY-200", "Soy Candle 200 g - Cedar", false, 330, "22.00", "19.90", "17.00"),
            product("TEA-SENCHA-100", "Organic Sencha Tea 100 g", true, 120, "11.00", "9.90", "8.50"));

    private static Product product(String sku, String title, boolean reducedVat, int grams, String usd, String eur,
                                   String gbp) {
        // Ids derived from the SKU: stable across runs and seeds, as a catalogue's ids are.
        long hash = Integer.toUnsignedLong(sku.hashCode());
        return new Product(sku, title, reducedVat, grams, 45_000_000_000_000L + hash,
                String.format("B0%08X", hash), Long.toString(125_900_000_000L + hash % 100_000_000L),
                Map.of("USD", new BigDecimal(usd), "EUR", new BigDecimal(eur), "GBP", new BigDecimal(gbp)));
    }
}

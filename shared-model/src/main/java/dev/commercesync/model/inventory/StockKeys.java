package dev.commercesync.model.inventory;

/** The FIFO message group of everything that moves one SKU's stock: figures, holds and channel updates. */
public final class StockKeys {

    private StockKeys() {
    }

    public static String group(String sku) {
        return "sku:" + sku;
    }
}

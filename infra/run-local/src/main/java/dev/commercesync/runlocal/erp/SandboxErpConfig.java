package dev.commercesync.runlocal.erp;

import java.util.Objects;
import java.util.Set;

/**
 * How to start a {@link SandboxErp}. It always listens on 127.0.0.1.
 *
 * @param port           TCP port; 0 picks a free one ({@link SandboxErp#port()} tells which)
 * @param apiKey         the key every call must present as {@code Authorization: Bearer <key>}; null or blank
 *                       accepts calls without one (the pipeline then sends none either)
 * @param skuCatalogue   the item numbers the ERP knows; a line with any other SKU is refused with 422. Empty
 *                       accepts every SKU
 * @param laxUniqueness  true for an ERP that does not keep external references unique (as Business Central does not
 *                       by itself): every create makes a new document and {@code Idempotency-Key} is ignored, so a
 *                       duplicate the pipeline lets through shows up as a second document
 * @param seed           seeds the one random that draws every fault, so runs repeat
 * @param threads        requests handled at once; a few more than the pipeline's concurrent callers (default 5)
 * @param faults         faults from the start; {@link SandboxErp#setFaults} changes them while running
 */
public record SandboxErpConfig(int port, String apiKey, Set<String> skuCatalogue, boolean laxUniqueness, long seed,
                               int threads, SandboxErpFaults faults) {

    /** The port {@code ./run-local} gives the sandbox ERP unless told otherwise. */
    public static final int DEFAULT_PORT = 8089;

    public SandboxErpConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        skuCatalogue = skuCatalogue == null ? Set.of() : Set.copyOf(skuCatalogue);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        Objects.requireNonNull(faults, "faults");
    }

    /** Port 8089, no key, every SKU, unique references, seed 1, 8 threads, no faults. */
    public static SandboxErpConfig defaults() {
        return new SandboxErpConfig(DEFAULT_PORT, null, Set.of(), false, 1L, 8, SandboxErpFaults.none());
    }

    public SandboxErpConfig withPort(int newPort) {
        return new SandboxErpConfig(newPort, apiKey, skuCatalogue, laxUniqueness, seed, threads, faults);
    }

    public SandboxErpConfig withApiKey(String key) {
        return new SandboxErpConfig(port, key, skuCatalogue, laxUniqueness, seed, threads, faults);
    }

    public SandboxErpConfig withSkuCatalogue(Set<String> skus) {
        return new SandboxErpConfig(port, apiKey, skus, laxUniqueness, seed, threads, faults);
    }

    public SandboxErpConfig withLaxUniqueness(boolean lax) {
        return new SandboxErpConfig(port, apiKey, skuCatalogue, lax, seed, threads, faults);
    }

    public SandboxErpConfig withSeed(long newSeed) {
        return new SandboxErpConfig(port, apiKey, skuCatalogue, laxUniqueness, newSeed, threads, faults);
    }

    public SandboxErpConfig withThreads(int count) {
        return new SandboxErpConfig(port, apiKey, skuCatalogue, laxUniqueness, seed, count, faults);
    }

    public SandboxErpConfig withFaults(SandboxErpFaults newFaults) {
        return new SandboxErpConfig(port, apiKey, skuCatalogue, laxUniqueness, seed, threads, newFaults);
    }
}

package dev.commercesync.map.channel;

import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.TaxLine;
import dev.commercesync.model.order.TaxLine.TaxTarget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sums a channel's per-line taxes into the order's tax lines: one per title, jurisdiction, rate, target and remitter,
 * in the order first seen. The ERP books tax by rate, not by order line.
 */
public final class TaxLineTally {

    private record Kind(String title, String jurisdiction, BigDecimal rate, TaxTarget target, boolean remitted) {
    }

    private final Map<Kind, Money> amounts = new LinkedHashMap<>();

    public void add(String title, String jurisdiction, BigDecimal rate, Money amount, TaxTarget target,
                    boolean remittedByMarketplace) {
        Objects.requireNonNull(amount, "amount");
        // 0.19 and 0.190 are the same rate.
        BigDecimal normalisedRate = rate == null ? null : rate.stripTrailingZeros();
        amounts.merge(new Kind(title, jurisdiction, normalisedRate, target, remittedByMarketplace), amount,
                Money::plus);
    }

    /** The tax lines with an amount; a zero line says nothing the ERP could book. */
    public List<TaxLine> taxLines() {
        List<TaxLine> lines = new ArrayList<>(amounts.size());
        amounts.forEach((kind, amount) -> {
            if (!amount.isZero()) {
                BigDecimal rate = kind.rate() == null ? null
                        : kind.rate().scale() < 0 ? kind.rate().setScale(0) : kind.rate();
                lines.add(new TaxLine(kind.title(), kind.jurisdiction(), rate, amount, kind.target(),
                        kind.remitted()));
            }
        });
        return List.copyOf(lines);
    }
}

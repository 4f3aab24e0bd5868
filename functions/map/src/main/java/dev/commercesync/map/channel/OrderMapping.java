package dev.commercesync.map.channel;

import dev.commercesync.map.channel.amazon.AmazonOrderMapper;
import dev.commercesync.map.channel.ebay.EbayOrderMapper;
import dev.commercesync.map.channel.shopify.ShopifyOrderMapper;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.order.TotalsReconciliation;
import dev.commercesync.model.order.TotalsReconciliation.Mismatch;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The map step: picks the mapper for the raw order's channel, maps, and lets the order through only when its totals
 * reconcile ({@link TotalsReconciliation}) and its parts carry them ({@link TotalsBreakdown}).
 * <p>
 * Never throws for a bad payload: every fault becomes {@link MappingOutcome.Rejected} with a reason the operator can
 * act on, because retrying a payload that cannot map only delays the business exception.
 */
public final class OrderMapping {

    private static final System.Logger LOG = System.getLogger(OrderMapping.class.getName());

    private final Map<SalesChannel, ChannelOrderMapper> mappers;

    public OrderMapping(List<? extends ChannelOrderMapper> mappers) {
        Map<SalesChannel, ChannelOrderMapper> byChannel = new EnumMap<>(SalesChannel.class);
        for (ChannelOrderMapper mapper : mappers) {
            if (byChannel.putIfAbsent(mapper.channel(), mapper) != null) {
                throw new IllegalArgumentException("two mappers for channel " + mapper.channel().id());
            }
        }
        this.mappers = Map.copyOf(byChannel);
    }

    /** The mapping for every channel the pipeline takes orders from. */
    public static OrderMapping forAllChannels() {
        return new OrderMapping(List.of(new ShopifyOrderMapper(), new AmazonOrderMapper(), new EbayOrderMapper()));
    }

    public MappingOutcome map(RawOrderReceived raw) {
        if (raw == null) {
            return new MappingOutcome.Rejected("no raw order to map");
        }
        Optional<SalesChannel> channel = SalesChannel.fromId(raw.channel());
        if (channel.isEmpty()) {
            return new MappingOutcome.Rejected("unknown channel '" + raw.channel() + "'");
        }
        ChannelOrderMapper mapper = mappers.get(channel.get());
        if (mapper == null) {
            return new MappingOutcome.Rejected("no mapper for channel " + channel.get().id());
        }
        try {
            CanonicalOrder order = mapper.map(raw);
            Optional<String> unbookable = linesWithoutSku(order);
            if (unbookable.isPresent()) {
                return new MappingOutcome.Rejected(unbookable.get());
            }
            List<Mismatch> mismatches = new ArrayList<>(TotalsReconciliation.check(order));
            mismatches.addAll(TotalsBreakdown.check(order));
            if (!mismatches.isEmpty()) {
                return new MappingOutcome.Rejected(mismatches.stream()
                        .map(Mismatch::describe)
                        .collect(Collectors.joining("; ")));
            }
            return new MappingOutcome.Mapped(order);
        } catch (OrderMappingException e) {
            return new MappingOutcome.Rejected(e.getMessage());
        } catch (RuntimeException e) {
            // A defect in a mapper, not in the payload. Rejecting keeps the raw order for a replay after the fix;
            // retrying the message would fail the same way every time. The stack trace goes to the log.
            LOG.log(System.Logger.Level.ERROR, "mapper defect on " + channel.get().id() + " order "
                    + raw.channelOrderId(), e);
            return new MappingOutcome.Rejected("mapper defect on this payload (replay after a fix): " + e);
        }
    }

    /**
     * The ERP books items by the retailer's SKU; a line without one (a Shopify custom item, a listing without a
     * seller SKU) cannot be posted, so it is a business exception the operator fixes at the channel, not an ERP
     * rejection later.
     */
    private static Optional<String> linesWithoutSku(CanonicalOrder order) {
        List<String> lines = order.lines().stream()
                .filter(line -> line.sku() == null || line.sku().isBlank())
                .map(line -> "line " + line.lineId() + " (" + line.title() + ")")
                .toList();
        return lines.isEmpty() ? Optional.empty()
                : Optional.of(String.join(", ", lines) + " has no SKU: the ERP books items by SKU; add the SKU at the"
                        + " channel (or a SKU mapping) and replay");
    }
}

package dev.commercesync.runlocal.usage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cost per million orders from what a run used and how many orders it carried: each line item is
 * {@code quantity ÷ orders × 1,000,000 × unit price}. List prices, first tier, no free tier: what the millionth
 * order costs at volume, not a monthly bill.
 */
public final class CostModel {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final AwsPrices prices;

    public CostModel(AwsPrices prices) {
        this.prices = prices;
    }

    /**
     * One priced line.
     *
     * @param quantityPerOrder     units of the item per order (requests, GB-seconds, request units)
     * @param costPerMillionOrders USD for a million orders, to four decimal places
     */
    public record Line(String item, String unit, BigDecimal quantityPerOrder, BigDecimal costPerMillionOrders) {
    }

    /** Every line item and their total (last, item {@code "total"}). */
    public List<Line> perMillionOrders(BillableUsage usage, long orders) {
        if (orders <= 0) {
            throw new IllegalArgumentException("cost per order needs at least one order, not " + orders);
        }
        BigDecimal perUnitPerMillion = BigDecimal.ONE.divide(MILLION, PRECISION);
        List<Line> lines = List.of(
                line("Lambda requests", "requests", BigDecimal.valueOf(usage.lambdaRequests()), orders,
                        prices.lambdaPerMillionRequests().multiply(perUnitPerMillion)),
                line("Lambda duration (x86)", "GB-s", usage.lambdaGbSeconds(), orders, prices.lambdaPerGbSecond()),
                line("SQS standard", "requests", BigDecimal.valueOf(usage.sqsStandardRequests()), orders,
                        prices.sqsStandardPerMillion().multiply(perUnitPerMillion)),
                line("SQS FIFO", "requests", BigDecimal.valueOf(usage.sqsFifoRequests()), orders,
                        prices.sqsFifoPerMillion().multiply(perUnitPerMillion)),
                line("DynamoDB on-demand writes", "WRU", usage.dynamoDbWriteUnits(), orders,
                        prices.dynamoDbPerMillionWriteUnits().multiply(perUnitPerMillion)),
                line("DynamoDB on-demand reads", "RRU", usage.dynamoDbReadUnits(), orders,
                        prices.dynamoDbPerMillionReadUnits().multiply(perUnitPerMillion)),
                line("API Gateway HTTP API", "requests", BigDecimal.valueOf(usage.httpApiRequests()), orders,
                        prices.httpApiPerMillionRequests().multiply(perUnitPerMillion)));
        BigDecimal total = lines.stream().map(Line::costPerMillionOrders).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Stream.concat(lines.stream(), Stream.of(new Line("total", "", BigDecimal.ZERO, total))).toList();
    }

    private static Line line(String item, String unit, BigDecimal quantity, long orders, BigDecimal unitPrice) {
        BigDecimal perOrder = quantity.divide(BigDecimal.valueOf(orders), PRECISION);
        BigDecimal cost = perOrder.multiply(MILLION).multiply(unitPrice).setScale(4, RoundingMode.HALF_UP);
        return new Line(item, unit, perOrder.setScale(6, RoundingMode.HALF_UP), cost);
    }
}

package dev.commercesync.runlocal.usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Published AWS list prices, from {@code aws-prices.properties} (region, the date they were read, and a source for
 * each). Money is {@link BigDecimal}: the per-unit prices have ten decimal places.
 */
public record AwsPrices(String region, LocalDate read, BigDecimal lambdaPerMillionRequests,
                        BigDecimal lambdaPerGbSecond, BigDecimal sqsStandardPerMillion, BigDecimal sqsFifoPerMillion,
                        BigDecimal dynamoDbPerMillionWriteUnits, BigDecimal dynamoDbPerMillionReadUnits,
                        BigDecimal httpApiPerMillionRequests, Map<String, String> sources) {

    public static final String RESOURCE = "/aws-prices.properties";

    public AwsPrices {
        sources = Map.copyOf(sources);
    }

    /** The prices shipped with run-local. */
    public static AwsPrices published() {
        try (InputStream in = AwsPrices.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            Properties file = new Properties();
            file.load(in);
            return from(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AwsPrices from(Properties file) {
        Map<String, String> sources = new TreeMap<>();
        file.stringPropertyNames().stream().filter(name -> name.endsWith("source"))
                .forEach(name -> sources.put(name, file.getProperty(name)));
        return new AwsPrices(required(file, "region"), LocalDate.parse(required(file, "read")),
                money(file, "lambda.requests.per-million"), money(file, "lambda.x86.gb-second"),
                money(file, "sqs.standard.per-million"), money(file, "sqs.fifo.per-million"),
                money(file, "dynamodb.write-request-units.per-million"),
                money(file, "dynamodb.read-request-units.per-million"), money(file, "apigateway.http.per-million"),
                sources);
    }

    private static BigDecimal money(Properties file, String name) {
        return new BigDecimal(required(file, name).trim());
    }

    private static String required(Properties file, String name) {
        String value = file.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(RESOURCE + " has no " + name);
        }
        return value;
    }
}

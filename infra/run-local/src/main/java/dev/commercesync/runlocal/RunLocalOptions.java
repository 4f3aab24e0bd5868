package dev.commercesync.runlocal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.commercesync.runlocal.OptionValues.next;
import static dev.commercesync.runlocal.OptionValues.nonNegativeInt;
import static dev.commercesync.runlocal.OptionValues.parameterName;
import static dev.commercesync.runlocal.OptionValues.parameterValue;
import static dev.commercesync.runlocal.OptionValues.port;
import static dev.commercesync.runlocal.OptionValues.positive;
import static dev.commercesync.runlocal.OptionValues.positiveInt;
import static dev.commercesync.runlocal.OptionValues.share;

/**
 * What {@code ./run-local} was asked to do. Parsed by hand: a CLI library would be one more thing to download for a
 * command whose flags fit on one screen.
 */
public record RunLocalOptions(
        Mode mode,
        int orders,
        double ratePerSecond,
        double duplicateRate,
        double outOfOrderRate,
        double malformedRate,
        double nonReconcilingRate,
        long seed,
        Duration erpOutage,
        double erpErrorRate,
        Duration erpLatency,
        double erpDropRate,
        int erpMaxOrdersPerSecond,
        int apiPort,
        int erpPort,
        int marketplacePort,
        int otlpPort,
        String shopifySecret,
        Optional<String> erpUrl,
        Optional<Path> summaryJson,
        Duration drainTimeout,
        Map<String, String> templateParameters,
        boolean awsUsage) {

    public enum Mode { DEMO, UP, HELP }

    /** The documented development secret: Shopify bodies in the demo are signed with it and ingest checks them. */
    public static final String DEVELOPMENT_SHOPIFY_SECRET = "commerce-sync-local-development-secret";

    /** The operator API's bearer token on this machine: template parameter LocalOperatorToken (OPERATOR_TOKEN). */
    public static final String LOCAL_OPERATOR_TOKEN = "local-operator-token";

    /**
     * Template parameters for a laptop: the event sources' MaximumConcurrency is how many processes of each function
     * run, and AWS's peak-season values would start dozens of JVMs on two cores. Nothing enforces IAM here, so the
     * operator API demands a bearer token instead, and the watchdog's and queue-age alarms' thresholds fit a demo of a
     * few minutes.
     */
    public static final Map<String, String> LOCAL_PARAMETERS = Map.ofEntries(
            Map.entry("MapMaxConcurrency", "2"), Map.entry("DedupeMaxConcurrency", "2"),
            Map.entry("PostToErpMaxConcurrency", "2"), Map.entry("InventoryMaxConcurrency", "2"),
            Map.entry("ShopifyPublishMaxConcurrency", "2"), Map.entry("AmazonPublishMaxConcurrency", "2"),
            Map.entry("EbayPublishMaxConcurrency", "2"),
            Map.entry("LocalOperatorToken", LOCAL_OPERATOR_TOKEN),
            Map.entry("PendingErpAlarmMinutes", "2"), Map.entry("OpenExceptionAlarmHours", "1"),
            // Only alarms read these (none run here): the lowest the template allows, so a peak demo shows them.
            Map.entry("QueueAgeAlarmSeconds", "60"), Map.entry("PostingQueueAgeAlarmSeconds", "60"));

    public static RunLocalOptions defaults() {
        return new RunLocalOptions(Mode.DEMO, 100, 25, 0.10, 0.20, 0.04, 0.04, 42, Duration.ZERO, 0.0, Duration.ZERO,
                0.0, 0, 8080, 8089, 8090, 4318, DEVELOPMENT_SHOPIFY_SECRET, Optional.empty(), Optional.empty(),
                Duration.ofMinutes(10), LOCAL_PARAMETERS, false);
    }

    public static RunLocalOptions parse(List<String> args) {
        Deque<String> rest = new ArrayDeque<>(args);
        RunLocalOptions o = defaults();
        if (!rest.isEmpty() && !rest.peekFirst().startsWith("-")) {
            String mode = rest.removeFirst();
            o = switch (mode) {
                case "demo" -> o.withMode(Mode.DEMO);
                case "up" -> o.withMode(Mode.UP);
                case "help" -> o.withMode(Mode.HELP);
                default -> throw new IllegalArgumentException("unknown mode '" + mode + "' (demo, up)");
            };
        }
        while (!rest.isEmpty()) {
            String flag = rest.removeFirst();
            int eq = flag.indexOf('=');
            String name = eq > 0 ? flag.substring(0, eq) : flag;
            String inline = eq > 0 ? flag.substring(eq + 1) : null;
            if (name.equals("--help") || name.equals("-h")) {
                o = o.withMode(Mode.HELP);
                continue;
            }
            if (name.equals("--aws-usage")) {
                o = o.with(b -> b.awsUsage = true);
                continue;
            }
            String value = inline != null ? inline : next(rest, name);
            o = switch (name) {
                case "--orders" -> o.with(b -> b.orders = positiveInt(name, value));
                case "--rate" -> o.with(b -> b.rate = positive(name, value));
                case "--duplicate-rate" -> o.with(b -> b.duplicateRate = share(name, value));
                case "--out-of-order-rate" -> o.with(b -> b.outOfOrderRate = share(name, value));
                case "--malformed-rate" -> o.with(b -> b.malformedRate = share(name, value));
                case "--non-reconciling-rate" -> o.with(b -> b.nonReconcilingRate = share(name, value));
                case "--seed" -> o.with(b -> b.seed = Long.parseLong(value));
                case "--erp-outage-seconds" -> o.with(b -> b.erpOutage = Duration.ofSeconds(nonNegativeInt(name, value)));
                case "--erp-error-rate" -> o.with(b -> b.erpErrorRate = share(name, value));
                case "--erp-latency-ms" -> o.with(b -> b.erpLatency = Duration.ofMillis(nonNegativeInt(name, value)));
                case "--erp-drop-rate" -> o.with(b -> b.erpDropRate = share(name, value));
                case "--erp-max-rate" -> o.with(b -> b.erpMaxOrdersPerSecond = positiveInt(name, value));
                case "--api-port" -> o.with(b -> b.apiPort = port(name, value));
                case "--erp-port" -> o.with(b -> b.erpPort = port(name, value));
                case "--marketplace-port" -> o.with(b -> b.marketplacePort = port(name, value));
                case "--otlp-port" -> o.with(b -> b.otlpPort = port(name, value));
                case "--shopify-secret" -> o.with(b -> b.shopifySecret = value);
                case "--erp-url" -> o.with(b -> b.erpUrl = Optional.of(value));
                case "--summary-json" -> o.with(b -> b.summaryJson = Optional.of(Path.of(value)));
                case "--parameter" -> o.with(b -> b.parameters.put(parameterName(value), parameterValue(value)));
                case "--drain-timeout-seconds" ->
                        o.with(b -> b.drainTimeout = Duration.ofSeconds(positiveInt(name, value)));
                default -> throw new IllegalArgumentException("unknown option " + name + " (see --help)");
            };
        }
        return o;
    }

    public static String help() {
        return """
                ./run-local — the whole Commerce Sync function set on this machine, no Docker.

                It builds what it needs (./mvnw), starts DynamoDB Local and ElasticMQ on 127.0.0.1, creates the queues
                and tables infra/template.yaml declares, runs each function's function.zip behind a local Lambda
                Runtime API with the template's SQS event source mappings, fronts ingest with an HTTP API on
                127.0.0.1, and serves a sandbox ERP.

                Usage:
                  ./run-local [demo] [options]   post a generated feed, wait until the queues drain, print a summary
                  ./run-local up [options]       start everything and serve until Ctrl-C
                  ./run-local bench --help       end-to-end rates and latency, beside a null-pipeline ceiling
                  ./run-local coldstart --help   cold start and resident memory per function, JDK 17 and 25
                  ./run-local --help

                Demo feed:
                  --orders N                 orders to generate (default 100)
                  --rate R                   deliveries posted per second (default 25)
                  --duplicate-rate F         share of deliveries sent again, same bytes (default 0.10)
                  --out-of-order-rate F      share of Shopify orders that also get an update, some before their create (0.20)
                  --malformed-rate F         share of broken bodies; ingest answers 400 (0.04)
                  --non-reconciling-rate F   share of orders whose totals do not add up; map records MAPPING_FAILED (0.04)
                  --seed K                   the same seed gives the same feed (default 42)
                  --erp-outage-seconds S     sandbox ERP answers 503 for S seconds, starting halfway through the feed
                  --erp-error-rate F         share of ERP calls answered 503 (default 0)
                  --erp-latency-ms MS        latency added to every ERP call (default 0)
                  --erp-drop-rate F          share of ERP creates committed whose response is then dropped (default 0)
                  --erp-max-rate R           the ERP takes at most R orders/s (creates and updates; more get 429 +
                                             Retry-After): an ERP-bound peak. The summary adds the backlog over time,
                                             the template alarms that would fire and the drain time
                  --summary-json FILE        also write the summary as JSON
                  --aws-usage                after the summary: AWS calls per order by service and operation, and
                                             the cost per million orders at published prices (BENCHMARKS.md)
                  --drain-timeout-seconds S  give up waiting for the queues to drain after S seconds (default 600)

                Endpoints (both modes):
                  --api-port P               HTTP API for ingest (default 8080)
                  --erp-port P               sandbox ERP (default 8089)
                  --marketplace-port P       sandbox Shopify, Amazon and eBay inventory APIs (default 8090)
                  --otlp-port P              trace collector (OTLP/HTTP, protobuf) the functions export to (default 4318)
                  --shopify-secret S         Shopify webhook secret ingest checks
                                             (default: the development secret "%s")
                  --erp-url URL              post to a real ERP instead of the sandbox
                  --parameter Name=Value     a template parameter (repeatable), e.g. MapMaxConcurrency=4: each SQS-fed
                                             function runs as many processes as its event source's MaximumConcurrency
                                             (locally 2 by default)

                Exit status: 0 when nothing was lost and no order was created twice in the ERP; 1 otherwise; 2 on bad usage.
                """.formatted(DEVELOPMENT_SHOPIFY_SECRET);
    }

    private RunLocalOptions withMode(Mode newMode) {
        return with(b -> b.mode = newMode);
    }

    private interface Change {
        void apply(Builder b);
    }

    private RunLocalOptions with(Change change) {
        Builder b = new Builder(this);
        change.apply(b);
        return b.build();
    }

    /** Mutable only while one option is applied. */
    private static final class Builder {
        Mode mode;
        int orders;
        double rate;
        double duplicateRate;
        double outOfOrderRate;
        double malformedRate;
        double nonReconcilingRate;
        long seed;
        Duration erpOutage;
        double erpErrorRate;
        Duration erpLatency;
        double erpDropRate;
        int erpMaxOrdersPerSecond;
        int apiPort;
        int erpPort;
        int marketplacePort;
        int otlpPort;
        String shopifySecret;
        Optional<String> erpUrl;
        Optional<Path> summaryJson;
        Duration drainTimeout;
        Map<String, String> parameters;
        boolean awsUsage;

        Builder(RunLocalOptions o) {
            mode = o.mode;
            orders = o.orders;
            rate = o.ratePerSecond;
            duplicateRate = o.duplicateRate;
            outOfOrderRate = o.outOfOrderRate;
            malformedRate = o.malformedRate;
            nonReconcilingRate = o.nonReconcilingRate;
            seed = o.seed;
            erpOutage = o.erpOutage;
            erpErrorRate = o.erpErrorRate;
            erpLatency = o.erpLatency;
            erpDropRate = o.erpDropRate;
            erpMaxOrdersPerSecond = o.erpMaxOrdersPerSecond;
            apiPort = o.apiPort;
            erpPort = o.erpPort;
            marketplacePort = o.marketplacePort;
            otlpPort = o.otlpPort;
            shopifySecret = o.shopifySecret;
            erpUrl = o.erpUrl;
            summaryJson = o.summaryJson;
            drainTimeout = o.drainTimeout;
            parameters = new java.util.TreeMap<>(o.templateParameters);
            awsUsage = o.awsUsage;
        }

        RunLocalOptions build() {
            return new RunLocalOptions(mode, orders, rate, duplicateRate, outOfOrderRate, malformedRate,
                    nonReconcilingRate, seed, erpOutage, erpErrorRate, erpLatency, erpDropRate, erpMaxOrdersPerSecond,
                    apiPort, erpPort, marketplacePort, otlpPort, shopifySecret, erpUrl, summaryJson, drainTimeout,
                    Map.copyOf(parameters), awsUsage);
        }
    }
}

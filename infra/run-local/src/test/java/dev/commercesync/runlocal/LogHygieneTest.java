package dev.commercesync.runlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.runlocal.demo.DemoFeed;
import dev.commercesync.runlocal.demo.DemoOptions;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.demo.Expectation;
import dev.commercesync.runlocal.lambda.LocalFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions' logs, read the way CloudWatch would hold them, after orders full of personal data went through
 * every path: one valid order per channel (Shopify webhook, Amazon SP-API and eBay Fulfillment bodies), one whose
 * totals do not add up (MAPPING_FAILED), one with an item the ERP does not know (ERP_REJECTED) and one body ingest
 * refuses (400). No line may hold a buyer's name, e-mail, phone number or street; every line the function wrote is
 * JSON, and every line about an order carries its correlation and trace ids.
 */
class LogHygieneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The launcher's header, the JVM's and the runtime interface client's own lines: not the function's. */
    private static final List<Pattern> NOT_FROM_THE_FUNCTION = List.of(
            Pattern.compile("^# .*"),
            Pattern.compile("^Picked up (JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS): .*"),
            Pattern.compile("^OpenJDK 64-Bit Server VM warning: .*"),
            Pattern.compile("^\\[(ERROR|WARN|WARNING|INFO|DEBUG|TRACE)] \\[\\d+] LAMBDA_RUNTIME .*"));
    /**
     * The runtime interface client dying when its Runtime API goes away (the stack stopping: an environment of another
     * stack sharing target/local-stack/logs may write into these files), and the stack trace that follows.
     */
    private static final Pattern RUNTIME_EXIT = Pattern.compile(
            "^Exception in thread \"main\" java\\.lang\\.Error: com\\.amazonaws\\.services\\.lambda\\.runtime\\..*");
    private static final Pattern STACK_TRACE_LINE = Pattern.compile("^(\\tat |\\t\\.\\.\\. \\d+ more|Caused by: ).*");
    /** Where the three channels' bodies put personal data. */
    private static final Pattern PERSONAL_FIELD = Pattern.compile("\"(email|BuyerEmail|phone|Phone|phoneNumber"
            + "|address1|AddressLine1|addressLine1|fullName|BuyerName|username|first_name|last_name)\"\\s*:\\s*"
            + "\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> SETTLED = Set.of("POSTED", "MAPPING_FAILED", "ERP_REJECTED");
    private static final List<String> ORDER_FUNCTIONS = List.of("IngestFunction", "MapFunction", "DedupeFunction",
            "PostToErpFunction");

    @AfterAll
    static void release() {
        OrderPipelineStack.release(LogHygieneTest.class);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void noPersonalDataInAnyFunctionLogAndEveryLineIsStructured() throws Exception {
        LocalStack stack = OrderPipelineStack.get();
        List<Sent> sent = deliveriesOnEveryPath();
        Map<String, String> expectedStatus = new LinkedHashMap<>();
        for (Sent each : sent) {
            assertThat(OrderPipelineStack.post(stack, each.delivery())).as(each.delivery().toString())
                    .isEqualTo(each.delivery().expectation().ingestStatus());
            if (each.settlesAs() != null) {
                expectedStatus.put(each.delivery().orderKey(), each.settlesAs());
            }
        }
        assertThat(awaitSettled(stack, expectedStatus.keySet(), Duration.ofSeconds(90)))
                .as("each order ended where its path leads").isEqualTo(expectedStatus);
        // Whatever the functions still print about these orders is printed before they answer; give the pipes a beat.
        stack.traceCollector().awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10));

        Set<String> personal = personalData(sent.stream().map(Sent::delivery).toList());
        assertThat(personal).as("the feed carries names, e-mails, phones and streets to look for").hasSizeGreaterThan(20);

        List<String> leaks = new ArrayList<>();
        List<String> unstructured = new ArrayList<>();
        List<String> untraced = new ArrayList<>();
        int orderLines = 0;
        for (Map.Entry<String, LocalFunction> function : stack.functions().entrySet()) {
            List<Path> logs = function.getValue().logFiles();
            if (ORDER_FUNCTIONS.contains(function.getKey())) {
                assertThat(logs).as(function.getKey() + " ran and logged").isNotEmpty();
            }
            for (Path log : logs) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                boolean inRuntimeExit = false;
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    String where = log.getFileName() + ":" + (i + 1) + ": ";
                    for (String value : personal) {
                        if (line.contains(value)) {
                            leaks.add(where + "\"" + value + "\" in " + abbreviate(line));
                        }
                    }
                    inRuntimeExit = RUNTIME_EXIT.matcher(line).matches()
                            || inRuntimeExit && STACK_TRACE_LINE.matcher(line).matches();
                    if (line.isBlank() || inRuntimeExit
                            || NOT_FROM_THE_FUNCTION.stream().anyMatch(p -> p.matcher(line).matches())) {
                        continue;
                    }
                    JsonNode record = parseObject(line);
                    if (record == null) {
                        unstructured.add(where + abbreviate(line));
                    } else if (!record.has("_aws") && record.hasNonNull("orderKey")) {
                        // An EMF metric line ("_aws") is a metric, not a log event; a log event about an order must
                        // say which delivery and which trace it belongs to.
                        orderLines++;
                        if (record.path("correlationId").asText("").isBlank()
                                || record.path("traceId").asText("").isBlank()) {
                            untraced.add(where + abbreviate(line));
                        }
                    }
                }
            }
        }
        assertThat(leaks).as("log lines holding a buyer's personal data").isEmpty();
        assertThat(unstructured).as("function output that is not a JSON object").isEmpty();
        assertThat(untraced).as("log events about an order without correlationId or traceId").isEmpty();
        assertThat(orderLines).as("log events about these orders (so the check above checked something)")
                .isPositive();
    }

    /** @param settlesAs the order's final status, null for a delivery ingest refuses */
    private record Sent(Delivery delivery, String settlesAs) {
    }

    /**
     * A first order of each channel, a non-reconciling one, a malformed one, and an Amazon order whose items the ERP
     * does not stock, from a feed of its own seed.
     */
    private static List<Sent> deliveriesOnEveryPath() throws Exception {
        List<Delivery> feed = DemoFeed.generate(new DemoOptions(40, 7341, 0, 0, 0.1, 0.1,
                OrderPipelineStack.SHOPIFY_SECRET)).deliveries();
        List<Sent> chosen = new ArrayList<>();
        for (SalesChannel channel : List.of(SalesChannel.SHOPIFY, SalesChannel.AMAZON, SalesChannel.EBAY)) {
            chosen.add(new Sent(first(feed, d -> d.channel() == channel
                    && d.expectation() == Expectation.ACCEPTED_NEW_ORDER), "POSTED"));
        }
        chosen.add(new Sent(first(feed, d -> d.expectation() == Expectation.NON_RECONCILING), "MAPPING_FAILED"));
        chosen.add(new Sent(first(feed, d -> d.expectation() == Expectation.MALFORMED), null));
        // The sandbox ERP knows the demo's catalogue only: renamed items are refused with 422.
        Delivery amazon = feed.stream().filter(d -> d.channel() == SalesChannel.AMAZON
                && d.expectation() == Expectation.ACCEPTED_NEW_ORDER).skip(1).findFirst().orElseThrow();
        ObjectNode body = (ObjectNode) JSON.readTree(amazon.body());
        for (JsonNode item : body.path("orderItems")) {
            ((ObjectNode) item).put("SellerSKU", "DISCONTINUED-" + item.path("SellerSKU").asText());
        }
        chosen.add(new Sent(new Delivery(amazon.channel(), amazon.path(), amazon.headers(),
                JSON.writeValueAsBytes(body), amazon.expectation(), amazon.orderKey(), amazon.sourceVersion()),
                "ERP_REJECTED"));
        return chosen;
    }

    private static Delivery first(List<Delivery> feed, Predicate<Delivery> which) {
        return feed.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError(
                "the feed has no such delivery; choose another seed"));
    }

    /** Names (first + last as written), e-mails, phones, streets and usernames in the bodies, as sent. */
    private static Set<String> personalData(List<Delivery> deliveries) {
        Set<String> values = new LinkedHashSet<>();
        for (Delivery delivery : deliveries) {
            List<String> firstNames = new ArrayList<>();
            List<String> lastNames = new ArrayList<>();
            Matcher field = PERSONAL_FIELD.matcher(new String(delivery.body(), StandardCharsets.UTF_8));
            while (field.find()) {
                String value = field.group(2);
                switch (field.group(1)) {
                    case "first_name" -> firstNames.add(value);
                    case "last_name" -> lastNames.add(value);
                    default -> addWithEscapedForm(values, value);
                }
            }
            // Shopify writes first_name and last_name next to each other in every address and the customer.
            for (int i = 0; i < Math.min(firstNames.size(), lastNames.size()); i++) {
                addWithEscapedForm(values, firstNames.get(i) + " " + lastNames.get(i));
            }
        }
        values.removeIf(value -> value.length() < 5);
        return values;
    }

    /** The value, and as a JSON encoder that escapes non-ASCII might write it (Musterstraße → Musterstra\u00dfe). */
    private static void addWithEscapedForm(Set<String> values, String value) {
        values.add(value);
        for (String hex : List.of("%04x", "%04X")) {
            StringBuilder escaped = new StringBuilder();
            value.chars().forEach(c -> escaped.append(c < 128 ? String.valueOf((char) c)
                    : "\\u" + String.format(Locale.ROOT, hex, c)));
            values.add(escaped.toString());
        }
    }

    private static Map<String, String> awaitSettled(LocalStack stack, Set<String> orderKeys, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, String> statuses = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            statuses.clear();
            for (String key : orderKeys) {
                statuses.put(key, OrderPipelineStack.status(OrderPipelineStack.orderState(stack, key)));
            }
            if (statuses.values().stream().allMatch(status -> status != null && SETTLED.contains(status))) {
                break;
            }
            Thread.sleep(250);
        }
        return statuses;
    }

    private static JsonNode parseObject(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}

package dev.commercesync.runlocal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.runlocal.lambda.FunctionDefinition;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Null ingest behind the HTTP API: {@code POST /v1/orders/{channel}} queues the delivered body on the intake queue
 * (one SendMessage) and answers 202 once SQS has it, as {@code OrderIntake} does — without checking the body,
 * the signature or the size. The order facts come from the bench's own list, looked up by the body; a body not on
 * it (the stack's warm-up requests) gets 404 and queues nothing.
 */
final class NullIngest extends NullFunction {

    /** A W3C traceparent of the real length: the real messages carry one. */
    static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

    private final Map<String, BenchOrder> ordersByBody;
    private final String intakeQueueUrl;

    NullIngest(FunctionDefinition definition, RunningEmulators emulators, Map<String, BenchOrder> ordersByBody) {
        super(definition, emulators);
        this.ordersByBody = Map.copyOf(ordersByBody);
        this.intakeQueueUrl = environment("INTAKE_QUEUE_URL");
    }

    @Override
    String handle(String event) throws Exception {
        JsonNode request = json.readTree(event);
        String text = request.path("body").asText("");
        String body = request.path("isBase64Encoded").asBoolean(false)
                ? new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8) : text;
        BenchOrder order = request.path("rawPath").asText().startsWith("/v1/orders/") ? ordersByBody.get(body) : null;
        if (order == null) {
            return answer(404, "{\"title\":\"not a bench order\"}");
        }
        String correlationId = UUID.randomUUID().toString();
        // The body as the message: the real raw-order event embeds it, with about 0.5 KB of envelope around it.
        sqs.sendMessage(b -> b.queueUrl(intakeQueueUrl).messageBody(body)
                .messageAttributes(Map.of(
                        "correlationId", NullSqsFunction.text(correlationId),
                        "schema", NullSqsFunction.text("commerce.raw-order.v1"),
                        "traceparent", NullSqsFunction.text(TRACEPARENT),
                        BenchOrder.ATTRIBUTE, NullSqsFunction.text(order.encode()))));
        return answer(202, "{\"correlationId\":\"" + correlationId + "\",\"orderKey\":\"" + order.orderKey() + "\"}");
    }

    private String answer(int status, String body) throws Exception {
        return json.writeValueAsString(Map.of("statusCode", status,
                "headers", Map.of("content-type", "application/json"), "body", body));
    }
}

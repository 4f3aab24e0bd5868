package dev.commercesync.runlocal.bench;

import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.runlocal.lambda.FunctionDefinition;

/**
 * A function no order touches on its way to the ERP (operator API, watchdog, drift repair): answers 404 to an HTTP
 * event and an empty partial batch response otherwise, and makes no calls.
 */
final class NullIdle extends NullFunction {

    NullIdle(FunctionDefinition definition, RunningEmulators emulators) {
        super(definition, emulators);
    }

    @Override
    String handle(String event) {
        return event.contains("\"Records\"") ? "{\"batchItemFailures\":[]}"
                : "{\"statusCode\":404,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{}\"}";
    }
}

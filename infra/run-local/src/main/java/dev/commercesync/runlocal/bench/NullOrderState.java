package dev.commercesync.runlocal.bench;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order-state writes of the null pipeline, shaped as {@code DynamoDbOrderStateStore}'s: one UpdateItem that
 * sets the given attributes, bumps {@code version}, stamps {@code updatedAt} (the status GSI's sort key), keeps
 * {@code createdAt} and {@code channel}, and appends one timeline entry.
 */
final class NullOrderState {

    /** A SHA-256 in hex, the size of the payload hash the real claim stores. */
    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private NullOrderState() {
    }

    static Update update(String orderKey, Instant now, String step) {
        return new Update(orderKey, now, step);
    }

    /** One UpdateItem being built. */
    static final class Update {
        private final String orderKey;
        private final List<String> sets = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();

        private Update(String orderKey, Instant now, String step) {
            this.orderKey = orderKey;
            names.put("#pk", "orderKey");
            names.put("#timeline", "timeline");
            names.put("#version", "version");
            names.put("#updatedAt", "updatedAt");
            values.put(":now", AttributeValue.fromS(now.toString()));
            values.put(":one", AttributeValue.fromN("1"));
            values.put(":zero", AttributeValue.fromN("0"));
            values.put(":empty", AttributeValue.fromL(List.of()));
            values.put(":entries", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                    "at", AttributeValue.fromS(now.toString()), "step", AttributeValue.fromS(step),
                    "traceId", AttributeValue.fromS(NullIngest.TRACEPARENT.substring(3, 35)))))));
            values.put(":channel", AttributeValue.fromS(orderKey.substring(0, orderKey.indexOf(':'))));
            sets.add("#version = if_not_exists(#version, :zero) + :one");
            sets.add("#updatedAt = :now");
            sets.add("createdAt = if_not_exists(createdAt, :now)");
            sets.add("channel = :channel");
            sets.add("#timeline = list_append(if_not_exists(#timeline, :empty), :entries)");
        }

        Update set(String placeholder, String attribute, AttributeValue value) {
            if (placeholder.startsWith("#")) {
                names.put(placeholder, attribute);
            }
            values.put(":" + attribute, value);
            sets.add(placeholder + " = :" + attribute);
            return this;
        }

        /** A name placeholder a condition uses. */
        Update name(String placeholder, String attribute) {
            names.put(placeholder, attribute);
            return this;
        }

        Map<String, AttributeValue> values() {
            return values;
        }

        UpdateItemRequest request(String table, String condition) {
            if (!condition.contains("#pk")) {
                names.remove("#pk");
            }
            return UpdateItemRequest.builder().tableName(table)
                    .key(Map.of("orderKey", AttributeValue.fromS(orderKey)))
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build();
        }
    }
}

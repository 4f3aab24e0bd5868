package dev.commercesync.runlocal.erp;

import java.util.function.UnaryOperator;

/**
 * One HTTP call to the sandbox ERP, read off the exchange.
 *
 * @param path     the decoded path
 * @param rawQuery the query as sent, still encoded; null when there is none
 * @param header   a request header by name, case-insensitive; null when absent
 * @param body     the request body, read in full
 */
record Call(String method, String path, String rawQuery, UnaryOperator<String> header, byte[] body) {
}

package dev.commercesync.emulators;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, in memory, listening on 127.0.0.1 only. Queue URLs and ARNs use the same region and account id the
 * local stack reports for AWS pseudo parameters, so an ARN built from the template matches one ElasticMQ returns.
 */
final class LocalSqs implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "000000000000";

    private final SQSRestServer server;
    private final int port;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static LocalSqs start(String host, int port) {
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(host)
                .withPort(port)
                .withAWSRegion(REGION)
                .withAWSAccountId(ACCOUNT_ID)
                .start();
        try {
            int boundPort = server.waitUntilStarted().localAddress().getPort();
            return new LocalSqs(server, boundPort);
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw e;
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}

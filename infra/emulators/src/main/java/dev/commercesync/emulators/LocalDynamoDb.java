package dev.commercesync.emulators;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * DynamoDB Local, in memory with one shared database, listening on 127.0.0.1 only.
 *
 * <p>We assemble the Jetty server ourselves instead of calling {@code ServerRunner}: DynamoDB Local 2.6 has no
 * {@code -host} option ({@code DynamoDBProxyServer} does {@code new Server(port)}, i.e. every interface), and its
 * {@code ServerRunner} also switches on telemetry to AWS. The handler pair below is what
 * {@code ServerRunner.createServer} builds for {@code -inMemory -sharedDb}.
 */
final class LocalDynamoDb implements AutoCloseable {

    private final Server server;
    private final LocalDynamoDBServerHandler handler;

    private LocalDynamoDb(Server server, LocalDynamoDBServerHandler handler) {
        this.server = server;
        this.handler = handler;
    }

    static LocalDynamoDb start(String host, int port) throws Exception {
        var requestHandler = new LocalDynamoDBRequestHandler(0, true, null, true, false);
        // null = no CORS headers: nothing calls the emulator from a browser.
        var handler = new LocalDynamoDBServerHandler(requestHandler, null);
        var server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        var context = new ContextHandler();
        context.setHandler(handler);
        server.setHandler(new ContextHandlerCollection(context));
        var dynamoDb = new LocalDynamoDb(server, handler);
        try {
            server.start();
        } catch (Exception e) {
            dynamoDb.close();
            throw e;
        }
        return dynamoDb;
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            handler.close();
        }
    }
}

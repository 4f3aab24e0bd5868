package dev.commercesync.localstack;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} on 127.0.0.1, never any other interface (our machines allow loopback listeners only), with
 * a pool of daemon threads of its own, so a long poll never holds up another request nor this JVM's exit.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;

    private LoopbackHttpServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: a free port of the OS's choosing).
     *
     * @param threadName what its threads are called in a thread dump, numbered
     */
    public static LoopbackHttpServer start(int port, String threadName) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(loopback(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for " + threadName, e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.start();
        return new LoopbackHttpServer(server, threads);
    }

    /** As {@link HttpServer#createContext(String, HttpHandler)}: the longest matching context path wins. */
    public HttpContext serve(String contextPath, HttpHandler handler) {
        return server.createContext(contextPath, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Stops listening at once and interrupts what its threads are still doing (long polls included). */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static InetAddress loopback() {
        try {
            // Not InetAddress.getLoopbackAddress(): that may be ::1, which clients given 127.0.0.1 do not reach.
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

package dev.commercesync.pipeline.logging;

import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logmanager.ExtHandler;

import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Puts {@link FlatMdcJsonFormatter} around every JSON formatter Quarkus installed, once the application starts: before
 * any invocation runs, so every line an invocation writes has its MDC at the top level. Lines written while Quarkus
 * boots have no MDC to flatten. Where logs are not JSON (the test profile), nothing changes.
 */
@ApplicationScoped
public class JsonLogFormat {

    void flattenMdc(@Observes StartupEvent started) {
        install(org.jboss.logmanager.LogContext.getLogContext().getLogger(""));
    }

    /** @return how many handlers now write flat MDC fields */
    public static int install(Logger root) {
        int installed = 0;
        for (Handler handler : root.getHandlers()) {
            installed += install(handler);
        }
        return installed;
    }

    private static int install(Handler handler) {
        int installed = 0;
        if (handler.getFormatter() instanceof JsonFormatter json) {
            handler.setFormatter(new FlatMdcJsonFormatter(json));
            installed++;
        }
        // Quarkus keeps its real handlers (console, file) nested in a delayed or async handler on the root logger.
        if (handler instanceof ExtHandler parent) {
            for (Handler nested : parent.getHandlers()) {
                installed += install(nested);
            }
        }
        return installed;
    }
}

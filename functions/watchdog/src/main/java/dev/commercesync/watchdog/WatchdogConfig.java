package dev.commercesync.watchdog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long an order may stay in a state before the watchdog reports it. */
@ConfigMapping(prefix = "commerce.watchdog")
public interface WatchdogConfig {

    /** An order waiting for the ERP (PENDING_ERP) longer than this is stuck. Env {@code WATCHDOG_PENDING_ERP_MINUTES}. */
    @WithDefault("15")
    int pendingErpMinutes();

    /**
     * An order left in MAPPING_FAILED or ERP_REJECTED longer than this is an exception nobody handled. Env
     * {@code WATCHDOG_OPEN_EXCEPTION_HOURS}.
     */
    @WithDefault("4")
    int openExceptionHours();

    /**
     * Stuck orders listed per state, oldest first, in the report and as log lines; all of them are counted. Env
     * {@code WATCHDOG_REPORT_LIMIT}.
     */
    @WithDefault("25")
    int reportLimit();
}

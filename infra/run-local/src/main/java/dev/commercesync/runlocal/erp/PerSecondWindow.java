package dev.commercesync.runlocal.erp;

import java.time.Instant;

/**
 * Admits at most N calls per clock second. Fixed one-second windows: simple, and what "N per second" means to most
 * API gateways and ERP facades; a refused call never uses up the window's allowance.
 */
final class PerSecondWindow {

    private long windowSecond = Long.MIN_VALUE;
    private int admittedInWindow;

    /** Whether one more call fits into {@code now}'s second; counts it if it does. */
    synchronized boolean admit(Instant now, int perSecond) {
        long second = now.getEpochSecond();
        if (second != windowSecond) {
            windowSecond = second;
            admittedInWindow = 0;
        }
        if (admittedInWindow >= perSecond) {
            return false;
        }
        admittedInWindow++;
        return true;
    }
}

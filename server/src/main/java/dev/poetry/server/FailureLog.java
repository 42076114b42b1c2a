package dev.poetry.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The one place a server logs what its clients do wrong, so that a flood of bad requests writes a
 * few lines per interval, not a line each: the first {@code linesPerInterval} failures of a kind
 * in an interval are logged in full, the rest are counted and summarised when the interval ends,
 * e.g. {@code refused 19,980 more requests (unknown transform) in the last 10 s}. Peer text in a
 * line must already be quoted with {@link PeerText}.
 *
 * <p>Called from every event loop, hence synchronized; the log call itself happens after the lock
 * is released. {@link #flush()} is meant to be called by a timer once per interval, so that a
 * summary appears even when the flood stops; otherwise it is written with the next failure.
 */
public final class FailureLog {

    private final Consumer<String> log;
    private final long intervalNanos;
    private final int linesPerInterval;
    private final LongSupplier nanoClock;
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private long intervalStart;

    public FailureLog(Consumer<String> log, Duration interval, int linesPerInterval, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.linesPerInterval = linesPerInterval;
        this.nanoClock = nanoClock;
        this.intervalStart = nanoClock.getAsLong();
    }

    /** Ten full lines of each kind every ten seconds. */
    public static FailureLog standard(Logger log) {
        return new FailureLog(log::info, Duration.ofSeconds(10), 10, System::nanoTime);
    }

    /**
     * One failure of {@code kind} (a few words, e.g. {@code unknown transform}), described in full
     * by {@code line}, which is logged unless this kind has already filled its interval.
     */
    public void failure(String kind, String line) {
        String summary;
        boolean logLine;
        synchronized (this) {
            summary = rollOver();
            int[] count = counts.computeIfAbsent(kind, k -> new int[1]);
            logLine = ++count[0] <= linesPerInterval;
        }
        if (summary != null) {
            log.accept(summary);
        }
        if (logLine) {
            log.accept(line);
        }
    }

    /** Writes the summary of an interval that has ended, if anything was left out of it. */
    public void flush() {
        String summary;
        synchronized (this) {
            summary = rollOver();
        }
        if (summary != null) {
            log.accept(summary);
        }
    }

    /** Writes the summary of the interval so far, ended or not: for a server that stops. */
    public void flushNow() {
        String summary;
        synchronized (this) {
            summary = rollOver(true);
        }
        if (summary != null) {
            log.accept(summary);
        }
    }

    private String rollOver() {
        return rollOver(false);
    }

    /** Starts a new interval if the current one is over (or {@code early}); returns the old one's summary, if any. */
    private String rollOver(boolean early) {
        long now = nanoClock.getAsLong();
        if (!early && now - intervalStart < intervalNanos) {
            return null;
        }
        long seconds = Math.max(1, Math.round((now - intervalStart) / 1e9));
        intervalStart = now;
        StringBuilder summary = new StringBuilder();
        counts.forEach((kind, count) -> {
            int left = count[0] - linesPerInterval;
            if (left > 0) {
                if (summary.length() > 0) {
                    summary.append("; ");
                }
                summary.append(String.format("refused %,d more (%s)", left, kind));
            }
        });
        counts.clear();
        return summary.length() == 0 ? null : summary.append(" in the last ").append(seconds).append(" s").toString();
    }
}

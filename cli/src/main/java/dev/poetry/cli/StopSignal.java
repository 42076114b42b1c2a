package dev.poetry.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tells a foreground server to stop: SIGINT or SIGTERM in real use, a test's call otherwise. */
public final class StopSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * A signal fired by SIGINT and SIGTERM. We take the signals ourselves, instead of relying on
     * a shutdown hook, because a JVM ended by a signal exits 130 or 143 while a server stopped on
     * purpose should exit 0. {@code sun.misc.Signal} is in {@code jdk.unsupported}, which exists
     * for exactly this and is present on every JDK we run on.
     */
    @SuppressWarnings("sunapi")
    static StopSignal fromOperatingSystem() {
        StopSignal signal = new StopSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), received -> signal.stop());
        }
        return signal;
    }

    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    void await() throws InterruptedException {
        stopped.await();
    }

    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }
}

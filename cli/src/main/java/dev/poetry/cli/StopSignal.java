package dev.poetry.cli;

import java.util.concurrent.CountDownLatch;

/** Tells a foreground server to stop: SIGINT or SIGTERM in real use, a test's call otherwise. */
public final class StopSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final boolean operatingSystem;

    /** A signal only {@link #stop()} fires, for tests. */
    public StopSignal() {
        this(false);
    }

    private StopSignal(boolean operatingSystem) {
        this.operatingSystem = operatingSystem;
    }

    /** A signal that SIGINT and SIGTERM will fire, once a server takes them over. */
    static StopSignal fromOperatingSystem() {
        return new StopSignal(true);
    }

    /**
     * From now on SIGINT and SIGTERM fire this signal instead of ending the JVM. Only a server
     * that is up calls this: every other command keeps the JVM's default, so Ctrl-C ends it.
     *
     * <p>We take the signals ourselves, instead of relying on a shutdown hook, because a JVM ended
     * by a signal exits 130 or 143 while a server stopped on purpose should exit 0.
     * {@code sun.misc.Signal} is in {@code jdk.unsupported}, which exists for exactly this and is
     * present on every JDK we run on.
     */
    void takeOverTerminationSignals() {
        if (operatingSystem) {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), received -> stop());
            }
        }
    }

    public void stop() {
        stopped.countDown();
    }

    void await() throws InterruptedException {
        stopped.await();
    }
}

package dev.poetry.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

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

    /**
     * Ends the process with status 1 if it is still running {@code bound} from now, so that a stop
     * can't hang on a stuck event loop. Connections still open were reset by then (SO_LINGER is
     * set from the stopping thread), so the exit's close resets them too. A test's signal does
     * nothing here: halting would end the test's JVM.
     */
    void haltIfStillRunningAfter(Duration bound) {
        if (!operatingSystem) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(bound.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            LoggerFactory.getLogger(StopSignal.class).warn("Stopping took longer than {} ms; exiting anyway", bound.toMillis());
            Runtime.getRuntime().halt(1);
        }, "poetry-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    public void stop() {
        stopped.countDown();
    }

    void await() throws InterruptedException {
        stopped.await();
    }
}

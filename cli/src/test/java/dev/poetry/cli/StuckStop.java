package dev.poetry.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** A process whose stop never finishes, as if an event loop were stuck: for {@link StopSignalWatchdogTest}. */
final class StuckStop {

    private StuckStop() {
    }

    public static void main(String[] args) throws InterruptedException {
        StopSignal.fromOperatingSystem().haltIfStillRunningAfter(Duration.ofMillis(Long.parseLong(args[0])));
        new CountDownLatch(1).await(); // never counted down
    }
}

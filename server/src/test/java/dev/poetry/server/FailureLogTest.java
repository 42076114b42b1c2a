package dev.poetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLogTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> lines = new ArrayList<>();
    private final FailureLog failures = new FailureLog(lines::add, Duration.ofSeconds(10), 2, now::get);

    @Test
    void aFloodWritesAFewLinesAndOneSummaryPerInterval() {
        for (int i = 0; i < 20_000; i++) {
            failures.failure("unknown transform", "Closing peer " + i);
        }
        assertEquals(List.of("Closing peer 0", "Closing peer 1"), lines);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        failures.flush();
        assertEquals("refused 19,998 more (unknown transform) in the last 10 s", lines.get(2));
        failures.flush();
        assertEquals(3, lines.size());
    }

    @Test
    void kindsAreCountedApartAndNothingIsSummarisedWhenNothingWasLeftOut() {
        failures.failure("a", "a1");
        failures.failure("b", "b1");
        failures.failure("a", "a2");
        failures.failure("a", "a3");
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        failures.failure("b", "b2");
        assertEquals(List.of("a1", "b1", "a2", "refused 1 more (a) in the last 11 s", "b2"), lines);
    }

    @Test
    void flushNowSummarisesAnIntervalThatHasNotEnded() {
        for (int i = 0; i < 5; i++) {
            failures.failure("write timeout", "Reset peer " + i);
        }
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        failures.flush();
        assertEquals(2, lines.size(), "the interval is not over");
        failures.flushNow();
        assertEquals("refused 3 more (write timeout) in the last 3 s", lines.get(2));
    }
}

package dev.poetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.DecoderException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectMemoryShortageTest {

    @Test
    void saysHowMuchIsInUseInNettysWordsOrTheJdks() {
        assertEquals(Optional.of("out of direct memory (63 MiB of 64 MiB in use)"), DirectMemoryShortage.describe(new OutOfMemoryError(
                "failed to allocate 16777216 byte(s) of direct memory (used: 66060288, max: 67108864)")));
        assertEquals(Optional.of("out of direct memory (62 MiB of 64 MiB in use)"), DirectMemoryShortage.describe(new OutOfMemoryError(
                "Cannot reserve 4194304 bytes of direct buffer memory (allocated: 65011712, limit: 67108864)")));
        assertEquals(Optional.of("out of direct memory"), DirectMemoryShortage.describe(new OutOfMemoryError("Direct buffer memory")));
    }

    @Test
    void looksInsideAWrapperAndLeavesEveryOtherFailureAlone() {
        assertEquals(Optional.of("out of direct memory (62 MiB of 64 MiB in use)"), DirectMemoryShortage.describe(new DecoderException(
                new OutOfMemoryError("Cannot reserve 4194304 bytes of direct buffer memory (allocated: 65011712, limit: 67108864)"))));
        assertEquals(Optional.empty(), DirectMemoryShortage.describe(new OutOfMemoryError("Java heap space")));
        assertEquals(Optional.empty(), DirectMemoryShortage.describe(new IllegalStateException("direct")));
    }
}

package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ByteSizeConverterTest {

    private final ByteSizeConverter sizes = new ByteSizeConverter();

    @Test
    void bytesAndBinarySuffixes() {
        assertEquals(1000L, sizes.convert("1000"));
        assertEquals(1000L, sizes.convert("1000B"));
        assertEquals(64L << 10, sizes.convert("64K"));
        assertEquals(64L << 20, sizes.convert("64M"));
        assertEquals(64L << 20, sizes.convert("64MiB"));
        assertEquals(64L << 20, sizes.convert("64mb"));
        assertEquals(2L << 30, sizes.convert("2G"));
    }

    @Test
    void nonsenseZeroAndOverflowAreRefusedByName() {
        for (String bad : new String[] {"", "M", "-1", "1.5M", "12T", "0", "lots", "9999999999999G"}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> sizes.convert(bad), bad);
            assertEquals(true, e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}

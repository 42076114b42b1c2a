package dev.poetry.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A size in bytes, as {@code --max-bytes} takes it: a whole number, optionally followed by K, M or
 * G (powers of 1024; {@code KiB}, {@code MB} and the like are read the same way).
 */
final class ByteSizeConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String text) {
        String trimmed = text.trim().toUpperCase(Locale.ROOT);
        String digits = trimmed.replaceFirst("(I?B|[KMG](I?B)?)$", "");
        String unit = trimmed.substring(digits.length());
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            throw new TypeConversionException("'" + text + "' is not a size: expected a number of bytes, optionally with K, M or G");
        }
        long value = Long.parseLong(digits);
        int shift = unit.isEmpty() || unit.startsWith("B") || unit.startsWith("IB") ? 0
                : switch (unit.charAt(0)) {
                    case 'K' -> 10;
                    case 'M' -> 20;
                    default -> 30;
                };
        if (value < 1) {
            throw new TypeConversionException("'" + text + "' is not a size: it must be at least 1 byte");
        }
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new TypeConversionException("'" + text + "' is too large");
        }
        return value << shift;
    }
}

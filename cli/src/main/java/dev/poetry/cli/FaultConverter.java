package dev.poetry.cli;

import dev.poetry.server.fault.Fault;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --fault KIND}: {@code reset-after=BYTES}, {@code close-after=BYTES},
 * {@code stall-after=BYTES} (sizes as {@code --max-bytes} takes them), {@code drip=SECONDS} or
 * {@code endless}.
 */
final class FaultConverter implements ITypeConverter<Fault> {

    static final String KINDS = "reset-after=BYTES, close-after=BYTES, stall-after=BYTES, drip=SECONDS or endless";

    @Override
    public Fault convert(String text) {
        int equals = text.indexOf('=');
        String kind = equals < 0 ? text : text.substring(0, equals);
        String value = equals < 0 ? "" : text.substring(equals + 1);
        return switch (kind) {
            case "reset-after" -> new Fault.Truncate(bytes(text, value), Fault.Ending.RESET);
            case "close-after" -> new Fault.Truncate(bytes(text, value), Fault.Ending.CLOSE);
            case "stall-after" -> new Fault.Truncate(bytes(text, value), Fault.Ending.STALL);
            case "drip" -> new Fault.Drip(interval(text, value));
            case "endless" -> {
                if (equals >= 0) {
                    throw new TypeConversionException("'" + text + "': endless takes no value");
                }
                yield new Fault.Endless();
            }
            default -> throw new TypeConversionException("'" + text + "' is not a fault: expected " + KINDS);
        };
    }

    private static long bytes(String text, String value) {
        if (value.isEmpty()) {
            throw new TypeConversionException("'" + text + "': expected " + text.replace("=", "") + "=BYTES");
        }
        return new ByteSizeConverter().convert(value);
    }

    private static Duration interval(String text, String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "': expected drip=SECONDS, a number of seconds above 0");
        }
        if (!(seconds > 0) || seconds > Duration.ofDays(1).toSeconds()) {
            throw new TypeConversionException("'" + text + "': expected drip=SECONDS, a number of seconds above 0 and at most a day");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}

package dev.poetry.cli;

import dev.poetry.protocol.Address;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code PORT}, {@code HOST:PORT} or {@code [IPV6]:PORT}, for every command that takes an address. */
final class AddressConverter implements ITypeConverter<Address> {

    @Override
    public Address convert(String text) {
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}

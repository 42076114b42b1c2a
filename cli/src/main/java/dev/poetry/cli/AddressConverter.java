package dev.poetry.cli;

import dev.poetry.net.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

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

    /**
     * Collects a list of addresses one argument at a time. picocli stops a typed list at the first
     * value it cannot convert and calls the rest "unmatched"; this names the bad value instead.
     */
    static final class ListConsumer implements IParameterConsumer {
        private static final AddressConverter CONVERTER = new AddressConverter();

        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            String text = args.pop();
            Address address;
            try {
                address = CONVERTER.convert(text);
            } catch (TypeConversionException e) {
                List<String> unknown = commandSpec.commandLine().getUnmatchedArguments();
                if (!unknown.isEmpty()) {
                    // "--styel list": the typo is the news, not the value it left behind
                    throw new UnmatchedArgumentException(commandSpec.commandLine(), unknown);
                }
                throw new ParameterException(commandSpec.commandLine(), e.getMessage(), argSpec, text);
            }
            List<Address> addresses = argSpec.getValue();
            if (addresses == null) {
                addresses = new ArrayList<>();
                argSpec.setValue(addresses);
            }
            addresses.add(address);
        }
    }
}

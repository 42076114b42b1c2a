package dev.poetry.server.transform;

import io.netty.buffer.ByteBuf;

/** The opposite of cummingsify: a poem for reading across a noisy room. */
final class Shout implements Transform {

    @Override
    public String name() {
        return "shout";
    }

    @Override
    public String description() {
        return "every letter in upper case";
    }

    @Override
    public String apply(String poem) {
        return CaseMapping.upper(poem);
    }

    @Override
    public boolean applyToAscii(ByteBuf poem, int index, int length) {
        CaseMapping.upperAscii(poem, index, length);
        return true;
    }
}

package dev.poetry.server.transform;

import io.netty.buffer.ByteBuf;

/** The tutorial's transform: the poem in lower case, as e. e. cummings might have set it. */
final class Cummingsify implements Transform {

    @Override
    public String name() {
        return "cummingsify";
    }

    @Override
    public String description() {
        return "every letter in lower case, after e. e. cummings";
    }

    @Override
    public String apply(String poem) {
        return CaseMapping.lower(poem);
    }

    @Override
    public boolean applyToAscii(ByteBuf poem, int index, int length) {
        CaseMapping.lowerAscii(poem, index, length);
        return true;
    }
}

package dev.poetry.server.transform;

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
}

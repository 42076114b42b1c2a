package dev.poetry.server.transform;

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
}

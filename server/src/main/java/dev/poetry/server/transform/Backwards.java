package dev.poetry.server.transform;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The poem's lines from last to first, each line unchanged; a final newline stays final. */
final class Backwards implements Transform {

    @Override
    public String name() {
        return "backwards";
    }

    @Override
    public String description() {
        return "the lines in reverse order, last line first";
    }

    @Override
    public String apply(String poem) {
        boolean endsWithNewline = poem.endsWith("\n");
        String body = endsWithNewline ? poem.substring(0, poem.length() - 1) : poem;
        List<String> lines = Arrays.asList(body.split("\n", -1));
        Collections.reverse(lines);
        return String.join("\n", lines) + (endsWithNewline ? "\n" : "");
    }
}

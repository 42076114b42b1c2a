package dev.poetry.server.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransformsTest {

    private final Transforms transforms = Transforms.standard();

    private String apply(String name, String poem) {
        return transforms.find(name).orElseThrow().apply(poem);
    }

    @Test
    void cummingsifyLowersEveryLetterIncludingAccentedOnes() {
        assertEquals("here is my poem, \u00c0 la sera\n".toLowerCase(), apply("cummingsify", "HERE Is My Poem, \u00c0 LA SERA\n"));
        assertEquals("\u00e0 la sera", apply("cummingsify", "\u00c0 LA SERA"));
    }

    @Test
    void shoutRaisesEveryLetter() {
        assertEquals("\u00c8 TARDI\n", apply("shout", "\u00e8 tardi\n"));
    }

    @Test
    void backwardsReversesLinesAndKeepsTheFinalNewline() {
        assertEquals("three\ntwo\none\n", apply("backwards", "one\ntwo\nthree\n"));
        assertEquals("three\ntwo\none", apply("backwards", "one\ntwo\nthree"));
        assertEquals("\nb\na\n", apply("backwards", "a\nb\n\n"));
        assertEquals("", apply("backwards", ""));
    }

    @Test
    void listsTheStandardTransformsInOrder() {
        assertEquals(List.of("cummingsify", "shout", "backwards"),
                transforms.all().stream().map(Transform::name).toList());
        transforms.all().forEach(t -> assertTrue(!t.description().isBlank()));
    }

    @Test
    void refusesDuplicateAndDottedNames() {
        assertThrows(IllegalArgumentException.class, () -> new Transforms(List.of(new Shout(), new Shout())));
        Transform dotted = new Transform() {
            public String name() {
                return "a.b";
            }

            public String description() {
                return "x";
            }

            public String apply(String poem) {
                return poem;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> new Transforms(List.of(dotted)));
    }
}

package dev.poetry.client.get;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialFilesTest {

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void write(PartialFile file, String text) throws IOException {
        file.write(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPoemHasNoFinalNameUntilItIsWhole(@TempDir Path dir) throws Exception {
        PartialFiles files = new PartialFiles();
        Path target = dir.resolve("task-1-127.0.0.1-10001.txt");
        PartialFile poem = files.create(target);
        write(poem, "half a ");
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
        List<String> during = listing(dir);
        assertEquals(1, during.size());
        assertTrue(during.get(0).matches("\\.task-1-127\\.0\\.0\\.1-10001\\.txt\\.[0-9a-f]+\\.part"), during.get(0));
        write(poem, "poem\n");
        poem.commit();
        assertEquals("half a poem\n", Files.readString(target));
        assertEquals(List.of(target.getFileName().toString()), listing(dir));
    }

    @Test
    void aDiscardedPoemLeavesTheFileAlreadyThere(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("task-1-127.0.0.1-10001.txt"), "yesterday's\n");
        PartialFile poem = new PartialFiles().create(target);
        write(poem, "today's, cut off");
        poem.discard();
        assertEquals("yesterday's\n", Files.readString(target));
        assertEquals(List.of(target.getFileName().toString()), listing(dir));
    }

    @Test
    void abandoningRemovesEveryTemporaryFileAndRefusesWhatComesAfter(@TempDir Path dir) throws Exception {
        PartialFiles files = new PartialFiles();
        PartialFile first = files.create(dir.resolve("task-1-h-1.txt"));
        PartialFile second = files.create(dir.resolve("task-2-h-1.txt"));
        write(first, "some");
        assertEquals(2, files.abandonAll());
        assertEquals(List.of(), listing(dir));
        assertThrows(IOException.class, first::commit, "a poem cut off never takes its name");
        assertThrows(IOException.class, () -> files.create(dir.resolve("task-3-h-1.txt")));
        second.discard();
        assertEquals(List.of(), listing(dir));
    }
}

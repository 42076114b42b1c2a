package dev.poetry.cli.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class TimelineSvgTest {

    private static final Timeline BLOCKING = new Timeline("blocking", List.of(
            new Timeline.Track(1, "127.0.0.1:10001", 0.01, 2.0, Timeline.Ending.POEM, "",
                    List.of(new Timeline.Chunk(0.1, 10), new Timeline.Chunk(1.0, 10), new Timeline.Chunk(2.0, 4))),
            new Timeline.Track(2, "127.0.0.1:10002", 2.0, 2.01, Timeline.Ending.FAILED, "Connection <refused> & \"gone\"", List.of())));

    private static final Timeline ASYNCHRONOUS = new Timeline("asynchronous", List.of(
            new Timeline.Track(1, "127.0.0.1:10001", 0.01, 1.9, Timeline.Ending.POEM, "", List.of(new Timeline.Chunk(1.9, 24))),
            new Timeline.Track(2, "[::1]:10002", 0.01, 0.5, Timeline.Ending.CANCELLED, "cancelled", List.of(new Timeline.Chunk(0.2, 3))),
            new Timeline.Track(3, "localhost:10003", 0.02, 0.7, Timeline.Ending.FAILED, "poem longer than 64 MiB", List.of())));

    @Test
    void drawsARowPerTaskLabelledWithItsAddressAndAMarkPerChunk() throws Exception {
        SvgDocument svg = SvgDocument.parse(TimelineSvg.render(List.of(BLOCKING, ASYNCHRONOUS)));
        List<Element> runs = svg.byClass("run");
        assertEquals(List.of("blocking", "asynchronous"), runs.stream().map(run -> run.getAttribute("data-label")).toList());
        List<Timeline> timelines = List.of(BLOCKING, ASYNCHRONOUS);
        for (int i = 0; i < runs.size(); i++) {
            Timeline timeline = timelines.get(i);
            List<Element> tracks = SvgDocument.byClass(runs.get(i), "track");
            assertEquals(timeline.tracks().size(), tracks.size(), "one row per task");
            for (int t = 0; t < tracks.size(); t++) {
                Timeline.Track track = timeline.tracks().get(t);
                List<Element> labels = SvgDocument.byClass(tracks.get(t), "label");
                assertEquals("Task " + track.task() + "  " + track.address(), labels.get(0).getTextContent());
                assertEquals(track.chunks().size(), SvgDocument.byClass(tracks.get(t), "chunk").size(), "a mark per chunk");
                assertEquals(1, SvgDocument.byClass(tracks.get(t), "start").size(), "the connection's start");
            }
        }
        assertEquals(2, svg.byClass("failed").size());
        assertEquals(1, svg.byClass("cancelled").size());
        assertEquals(2, svg.byClass("end").size(), "a poem's end per whole poem");
        assertTrue(svg.byClass("note").stream().anyMatch(note -> note.getTextContent().contains("failed: Connection <refused> & \"gone\"")),
                "the failure's reason, escaped and read back intact");
        assertTrue(svg.scriptFree());
    }

    @Test
    void theAxisIsInSecondsWithRoundTicksCoveringTheLongestRun() throws Exception {
        SvgDocument svg = SvgDocument.parse(TimelineSvg.render(List.of(BLOCKING, ASYNCHRONOUS)));
        List<String> ticks = svg.byClass("tick").stream().map(Element::getTextContent).toList();
        // 2.01 s at most: steps of 0.5 s, the last tick past the end.
        assertEquals(List.of("0.0", "0.5", "1.0", "1.5", "2.0", "2.5"), ticks);
        assertEquals(0.5, TimelineSvg.tickStep(4.1));
        assertEquals(2.0, TimelineSvg.tickStep(11.2));
        assertEquals(0.1, TimelineSvg.tickStep(0.6));
    }

    @Test
    void aTimelineSurvivesItsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.tsv");
        TimelineFile.write(BLOCKING, file);
        Timeline read = TimelineFile.read(file, null);
        assertEquals("blocking", read.label());
        assertEquals(BLOCKING.tracks().size(), read.tracks().size());
        for (int i = 0; i < read.tracks().size(); i++) {
            Timeline.Track expected = BLOCKING.tracks().get(i);
            Timeline.Track actual = read.tracks().get(i);
            assertEquals(expected.address(), actual.address());
            assertEquals(expected.ending(), actual.ending());
            assertEquals(expected.reason(), actual.reason());
            assertEquals(expected.chunks(), actual.chunks());
            assertEquals(expected.end(), actual.end(), 1e-6);
        }
        assertEquals("renamed", TimelineFile.read(file, "renamed").label());
    }

    @Test
    void theTextVersionHasARowPerTaskAndACellPerSlice() {
        String text = TimelineText.render(BLOCKING, 20);
        List<String> lines = text.lines().toList();
        assertEquals(3, lines.size(), text);
        assertTrue(lines.get(0).startsWith("Timeline: 20 columns of 0.10 s"), text);
        assertEquals("Task 1 127.0.0.1:10001 |#--------#---------#| poem", lines.get(1));
        assertTrue(lines.get(2).startsWith("Task 2 127.0.0.1:10002 |                   X| failed: Connection <refused>"), text);

        List<String> cancelled = TimelineText.render(ASYNCHRONOUS, 19).lines().toList();
        assertEquals("Task 2 [::1]:10002     |--#--/             | cancelled", cancelled.get(2));
    }
}

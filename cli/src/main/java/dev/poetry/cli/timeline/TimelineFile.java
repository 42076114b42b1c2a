package dev.poetry.cli.timeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A timeline as tab-separated text, so separate runs can be drawn together afterwards:
 * <pre>
 * label   asynchronous
 * task    1   127.0.0.1:10001   0.0012   2.1046   poem   (reason)
 * chunk   1   0.1050   10
 * </pre>
 */
public final class TimelineFile {

    private static final String HEADER = "# poetry get --timeline: seconds from the start of the run";

    private TimelineFile() {
    }

    public static void write(Timeline timeline, Path file) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("label\t").append(clean(timeline.label())).append('\n');
        for (Timeline.Track track : timeline.tracks()) {
            text.append(String.format(Locale.ROOT, "task\t%d\t%s\t%.6f\t%.6f\t%s\t%s%n", track.task(), clean(track.address()),
                    track.start(), track.end(), track.ending().name().toLowerCase(Locale.ROOT), clean(track.reason())));
            for (Timeline.Chunk chunk : track.chunks()) {
                text.append(String.format(Locale.ROOT, "chunk\t%d\t%.6f\t%d%n", track.task(), chunk.at(), chunk.bytes()));
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Reads what {@link #write} wrote; {@code label}, when not null, replaces the file's own. */
    public static Timeline read(Path file, String label) throws IOException {
        String fileLabel = file.getFileName().toString();
        Map<Integer, String[]> tasks = new LinkedHashMap<>();
        Map<Integer, List<Timeline.Chunk>> chunks = new LinkedHashMap<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            try {
                switch (fields[0]) {
                    case "label" -> fileLabel = fields[1];
                    case "task" -> {
                        tasks.put(Integer.parseInt(fields[1]), fields);
                        chunks.putIfAbsent(Integer.parseInt(fields[1]), new ArrayList<>());
                    }
                    case "chunk" -> chunks.computeIfAbsent(Integer.parseInt(fields[1]), task -> new ArrayList<>())
                            .add(new Timeline.Chunk(Double.parseDouble(fields[2]), Integer.parseInt(fields[3])));
                    default -> throw new IllegalArgumentException("unknown record '" + fields[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IOException(file + ":" + number + ": not a timeline line (" + e.getMessage() + ")");
            }
        }
        List<Timeline.Track> tracks = new ArrayList<>();
        for (Map.Entry<Integer, String[]> task : tasks.entrySet()) {
            String[] f = task.getValue();
            if (f.length < 7) {
                throw new IOException(file + ": task " + task.getKey() + " has " + f.length + " fields, not 7");
            }
            tracks.add(new Timeline.Track(task.getKey(), f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Timeline.Ending.valueOf(f[5].toUpperCase(Locale.ROOT)), f[6], chunks.get(task.getKey())));
        }
        return new Timeline(label != null ? label : fileLabel, tracks);
    }

    /** Peer text (a failure's reason) on one line and without tabs. */
    private static String clean(String text) {
        return text.replaceAll("[\\t\\r\\n\\p{Cntrl}]", " ");
    }
}

package dev.poetry.cli.timeline;

import java.util.Locale;

/**
 * The timeline in a terminal: a row per task, a cell per time slice. {@code #} a slice in which
 * chunks arrived, {@code -} connected and waiting, {@code X} failed, {@code /} cancelled, blank
 * before the connection and after it closed.
 */
public final class TimelineText {

    private TimelineText() {
    }

    public static String render(Timeline timeline, int columns) {
        double seconds = Math.max(timeline.seconds(), 1e-3);
        double slice = seconds / columns;
        int labelWidth = 0;
        for (Timeline.Track track : timeline.tracks()) {
            labelWidth = Math.max(labelWidth, label(track).length());
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Timeline: %d columns of %.2f s (0 to %.1f s); # chunks, - waiting, X failed, / cancelled%n", columns, slice, seconds));
        for (Timeline.Track track : timeline.tracks()) {
            char[] cells = new char[columns];
            java.util.Arrays.fill(cells, ' ');
            int first = cell(track.start(), slice, columns);
            int last = cell(track.end(), slice, columns);
            for (int i = first; i <= last; i++) {
                cells[i] = '-';
            }
            for (Timeline.Chunk chunk : track.chunks()) {
                cells[cell(chunk.at(), slice, columns)] = '#';
            }
            if (track.ending() == Timeline.Ending.FAILED) {
                cells[last] = 'X';
            } else if (track.ending() == Timeline.Ending.CANCELLED) {
                cells[last] = '/';
            }
            String ending = switch (track.ending()) {
                case POEM -> "poem";
                case FAILED -> "failed: " + track.reason();
                case CANCELLED -> "cancelled";
                case UNFINISHED -> "unfinished";
            };
            text.append(String.format(Locale.ROOT, "%-" + labelWidth + "s |%s| %s%n", label(track), new String(cells), ending));
        }
        return text.toString();
    }

    private static String label(Timeline.Track track) {
        return "Task " + track.task() + " " + track.address();
    }

    private static int cell(double at, double slice, int columns) {
        return Math.max(0, Math.min(columns - 1, (int) (at / slice)));
    }
}

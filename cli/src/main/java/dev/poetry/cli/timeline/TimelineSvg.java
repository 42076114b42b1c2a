package dev.poetry.cli.timeline;

import java.util.List;
import java.util.Locale;

/**
 * Timelines drawn as one SVG picture on one time scale: a band of rows per run, a row per task.
 * Along each row a grey line is the connection, a hollow triangle its opening, a thin dark stroke each
 * chunk (taller for more bytes, so dense runs of chunks stay readable as a barcode), a bar the
 * poem's end, a cross a failure and a hollow square a cancellation. Shapes and lightness carry the meaning, so it prints in greyscale; no script.
 */
public final class TimelineSvg {

    private static final int WIDTH = 1000;
    private static final int RIGHT = 40;
    /** Room on the right for how connections ended, when any did otherwise than with their poem. */
    private static final int NOTES = 215;
    private static final int NOTE_CHARACTERS = 28;
    private static final int ROW = 26;
    private static final int RUN_HEADER = 30;
    private static final int RUN_GAP = 12;
    private static final int TOP = 64;
    private static final double TALLEST = 18;
    private static final double SHORTEST = 5;
    private static final String FAILED = "#b00020";

    private TimelineSvg() {
    }

    public static String render(List<Timeline> runs) {
        double seconds = 0;
        int maxBytes = 1;
        int longestLabel = 10;
        int rows = 0;
        boolean notes = false;
        for (Timeline run : runs) {
            seconds = Math.max(seconds, run.seconds());
            rows += run.tracks().size();
            for (Timeline.Track track : run.tracks()) {
                longestLabel = Math.max(longestLabel, label(track).length());
                notes |= track.ending() != Timeline.Ending.POEM;
                for (Timeline.Chunk chunk : track.chunks()) {
                    maxBytes = Math.max(maxBytes, chunk.bytes());
                }
            }
        }
        double step = tickStep(seconds);
        double end = Math.max(step, Math.ceil(seconds / step - 1e-9) * step);
        Scale x = new Scale(Math.min(340, 40 + 7.4 * longestLabel), WIDTH - (notes ? NOTES : RIGHT), end);
        int plotBottom = TOP + runs.size() * (RUN_HEADER + RUN_GAP) + rows * ROW;
        int height = plotBottom + 100;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
        svg.append("<text x=\"20\" y=\"28\" font-size=\"18\" font-weight=\"bold\" fill=\"#111111\">When each chunk of poetry arrived</text>\n");
        svg.append("<text x=\"20\" y=\"48\" fill=\"#444444\">A row per download; a stroke per chunk, taller for more"
                + " bytes; time in seconds from the start of each run.</text>\n");
        for (double t = 0; t <= end + 1e-9; t += step) {
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d9d9d9\"/>%n",
                    x.at(t), TOP, x.at(t), plotBottom));
        }

        int y = TOP;
        for (Timeline run : runs) {
            svg.append(String.format(Locale.ROOT, "<g class=\"run\" data-label=\"%s\">%n", escape(run.label())));
            svg.append(String.format(Locale.ROOT, "<text class=\"run-label\" x=\"20\" y=\"%d\" font-size=\"15\" font-weight=\"bold\""
                    + " fill=\"#111111\">%s</text>%n", y + 20, escape(run.label())));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#444444\">%d task%s, %.1f s</text>%n",
                    20 + 10.0 * run.label().length() + 14, y + 20, run.tracks().size(), run.tracks().size() == 1 ? "" : "s", run.seconds()));
            y += RUN_HEADER;
            for (int i = 0; i < run.tracks().size(); i++) {
                track(svg, run.tracks().get(i), y, i % 2 == 0, x, maxBytes);
                y += ROW;
            }
            svg.append("</g>\n");
            y += RUN_GAP;
        }

        axis(svg, x, plotBottom, step, end);
        legend(svg, plotBottom + 62);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void track(StringBuilder svg, Timeline.Track track, int top, boolean shaded, Scale x, int maxBytes) {
        double middle = top + ROW / 2.0;
        svg.append(String.format(Locale.ROOT, "<g class=\"track\" data-task=\"%d\">%n", track.task()));
        if (shaded) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"10\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#000000\" fill-opacity=\"0.05\"/>%n",
                    top, WIDTH - 20, ROW));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#111111\">%s</text>%n",
                x.left - 12, middle + 4.5, escape(label(track))));
        double start = x.at(track.start());
        double end = x.at(track.end());
        svg.append(String.format(Locale.ROOT, "<line class=\"connection\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9a9a9a\""
                + " stroke-width=\"3\"/>%n", start, middle, Math.max(end, start + 1), middle));
        svg.append(String.format(Locale.ROOT, "<path class=\"start\" d=\"M%.1f %.1fl9 6l-9 6z\" fill=\"#ffffff\" stroke=\"#111111\""
                + " stroke-width=\"1.5\"/>%n", start, middle - 6));
        for (Timeline.Chunk chunk : track.chunks()) {
            double height = SHORTEST + (TALLEST - SHORTEST) * Math.sqrt((double) chunk.bytes() / maxBytes);
            svg.append(String.format(Locale.ROOT, "<rect class=\"chunk\" x=\"%.1f\" y=\"%.1f\" width=\"1.6\" height=\"%.1f\" fill=\"#1a1a1a\">"
                    + "<title>%d bytes at %.3f s</title></rect>%n", x.at(chunk.at()) - 0.8, middle - height / 2, height, chunk.bytes(), chunk.at()));
        }
        switch (track.ending()) {
            case POEM -> svg.append(String.format(Locale.ROOT, "<rect class=\"end\" x=\"%.1f\" y=\"%.1f\" width=\"5\" height=\"22\""
                    + " fill=\"#111111\"/>%n", end - 1, middle - 11));
            case FAILED -> {
                svg.append(String.format(Locale.ROOT, "<path class=\"failed\" d=\"M%.1f %.1fl10 10m0 -10l-10 10\" stroke=\"%s\""
                        + " stroke-width=\"3\" fill=\"none\"/>%n", end - 5, middle - 5, FAILED));
                note(svg, x, middle, "failed: " + track.reason(), FAILED);
            }
            case CANCELLED -> {
                svg.append(String.format(Locale.ROOT, "<rect class=\"cancelled\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\""
                        + " fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"2\"/>%n", end - 5, middle - 5));
                note(svg, x, middle, "cancelled", "#333333");
            }
            case UNFINISHED -> note(svg, x, middle, "unfinished", "#333333");
        }
        svg.append("</g>\n");
    }

    /** How a connection ended, in the column right of the plot so it never hides a mark; the whole reason as a tooltip. */
    private static void note(StringBuilder svg, Scale x, double middle, String text, String colour) {
        String shown = text.length() > NOTE_CHARACTERS ? text.substring(0, NOTE_CHARACTERS - 3) + "..." : text;
        svg.append(String.format(Locale.ROOT, "<text class=\"note\" x=\"%.1f\" y=\"%.1f\" font-style=\"italic\" fill=\"%s\">"
                + "<title>%s</title>%s</text>%n", x.right + 16, middle + 4.5, colour, escape(text), escape(shown)));
    }

    private static void axis(StringBuilder svg, Scale x, int y, double step, double end) {
        svg.append(String.format(Locale.ROOT, "<g class=\"axis\">%n<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#111111\"/>%n",
                x.left, y, x.right, y));
        int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
        for (double t = 0; t <= end + 1e-9; t += step) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#111111\"/>%n", x.at(t), y, x.at(t), y + 6));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#111111\">%s</text>%n",
                    x.at(t), y + 21, String.format(Locale.ROOT, "%." + decimals + "f", t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444444\">seconds</text>%n</g>%n",
                (x.left + x.right) / 2, y + 40));
    }

    private static void legend(StringBuilder svg, int y) {
        svg.append(String.format(Locale.ROOT, "<g class=\"legend\" transform=\"translate(20 %d)\">%n", y));
        svg.append("<line x1=\"0\" y1=\"0\" x2=\"36\" y2=\"0\" stroke=\"#9a9a9a\" stroke-width=\"3\"/>"
                + "<path d=\"M0 -6l9 6l-9 6z\" fill=\"#ffffff\" stroke=\"#111111\" stroke-width=\"1.5\"/>"
                + "<text x=\"44\" y=\"4.5\">connection opened</text>\n");
        svg.append("<rect x=\"200\" y=\"-2.5\" width=\"1.6\" height=\"5\" fill=\"#1a1a1a\"/>"
                + "<rect x=\"206\" y=\"-5.5\" width=\"1.6\" height=\"11\" fill=\"#1a1a1a\"/>"
                + "<rect x=\"212\" y=\"-9\" width=\"1.6\" height=\"18\" fill=\"#1a1a1a\"/>"
                + "<text x=\"224\" y=\"4.5\">chunks, small to large</text>\n");
        svg.append("<rect x=\"410\" y=\"-11\" width=\"5\" height=\"22\" fill=\"#111111\"/><text x=\"422\" y=\"4.5\">poem complete</text>\n");
        svg.append(String.format(Locale.ROOT, "<path d=\"M555 -5l10 10m0 -10l-10 10\" stroke=\"%s\" stroke-width=\"3\" fill=\"none\"/>"
                + "<text x=\"574\" y=\"4.5\">failed</text>%n", FAILED));
        svg.append("<rect x=\"650\" y=\"-5\" width=\"10\" height=\"10\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"2\"/>"
                + "<text x=\"668\" y=\"4.5\">cancelled</text>\n</g>\n");
    }

    /** 1, 2 or 5 times a power of ten, giving at most ten intervals. */
    static double tickStep(double seconds) {
        double span = Math.max(seconds, 1e-3);
        double power = Math.pow(10, Math.floor(Math.log10(span / 10)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (span / (factor * power) <= 10) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String label(Timeline.Track track) {
        return "Task " + track.task() + "  " + track.address();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c < 0x20 ? ' ' : c);
            }
        }
        return escaped.toString();
    }

    /** Seconds to x. */
    private record Scale(double left, double right, double seconds) {
        double at(double t) {
            return left + (right - left) * Math.min(t, seconds) / seconds;
        }
    }
}

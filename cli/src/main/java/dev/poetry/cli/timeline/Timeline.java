package dev.poetry.cli.timeline;

import java.util.List;

/**
 * What one run of {@code poetry get} did over time: a track per task. Times are seconds from the
 * start of the run.
 *
 * @param label what the run was, e.g. {@code asynchronous}
 */
public record Timeline(String label, List<Track> tracks) {

    public Timeline {
        tracks = List.copyOf(tracks);
    }

    /** How a task's connection ended. */
    public enum Ending { POEM, FAILED, CANCELLED, UNFINISHED }

    /** One chunk: when it arrived and how many bytes it held. */
    public record Chunk(double at, int bytes) {
    }

    /**
     * One task's connection.
     *
     * @param reason why it failed; empty otherwise
     */
    public record Track(int task, String address, double start, double end, Ending ending, String reason, List<Chunk> chunks) {

        public Track {
            chunks = List.copyOf(chunks);
        }
    }

    /** When the last thing happened, in seconds. */
    public double seconds() {
        double last = 0;
        for (Track track : tracks) {
            last = Math.max(last, track.end());
            for (Chunk chunk : track.chunks()) {
                last = Math.max(last, chunk.at());
            }
        }
        return last;
    }
}

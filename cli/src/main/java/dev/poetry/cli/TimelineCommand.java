package dev.poetry.cli;

import dev.poetry.cli.timeline.Timeline;
import dev.poetry.cli.timeline.TimelineFile;
import dev.poetry.cli.timeline.TimelineSvg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code poetry timeline}: draws runs recorded with {@code get --timeline FILE.tsv} on one time scale (for scripts/demo). */
@Command(
        name = "timeline",
        hidden = true,
        mixinStandardHelpOptions = true,
        header = "Draw timelines recorded by 'poetry get --timeline FILE.tsv' in one SVG.",
        description = "Each RUN is LABEL=FILE.tsv; the runs are drawn one under another, on one time scale.",
        footer = {"", "Example:", "  poetry timeline demo.svg blocking=a.tsv threads=b.tsv asynchronous=c.tsv"})
final class TimelineCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUTPUT.svg", description = "Where to write the picture.")
    private Path output;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "RUN", description = "LABEL=FILE.tsv, one per run.")
    private List<String> runs;

    @Override
    public Integer call() {
        List<Timeline> timelines = new ArrayList<>();
        for (String run : runs) {
            int equals = run.indexOf('=');
            if (equals <= 0 || equals == run.length() - 1) {
                throw new ParameterException(spec.commandLine(), "'" + run + "' is not LABEL=FILE.tsv");
            }
            Path file = Path.of(run.substring(equals + 1));
            try {
                timelines.add(TimelineFile.read(file, run.substring(0, equals)));
            } catch (IOException e) {
                throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
            }
        }
        try {
            Files.writeString(output, TimelineSvg.render(timelines), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + output + ": " + e.getMessage());
        }
        return 0;
    }
}

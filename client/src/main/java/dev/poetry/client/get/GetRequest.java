package dev.poetry.client.get;

import dev.poetry.client.ClientSettings;
import dev.poetry.client.ConnectionPermits;
import dev.poetry.net.Address;
import dev.poetry.net.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The downloads {@code poetry get} was asked for. What happens after them (a transform, an early
 * end) is a {@link Plan}, which only the styles that can follow one accept.
 *
 * @param outputDirectory where each poem is written as it arrives, instead of being held, if anywhere
 * @param partialFiles the temporary files of poems on their way into {@code outputDirectory}
 * @param permits how many connections the run may hold open at once, shared by all its tasks
 * @param transport the socket transport of the event loop the downloads share
 */
public record GetRequest(List<Address> servers, ClientSettings settings, Optional<Path> outputDirectory,
                         PartialFiles partialFiles, ConnectionPermits permits, Transport transport) {

    /** A request whose temporary files nobody else needs to see, its connections bounded by the descriptor limit. */
    public GetRequest(List<Address> servers, ClientSettings settings, Optional<Path> outputDirectory) {
        this(servers, settings, outputDirectory, new PartialFiles(), new ConnectionPermits(ConnectionPermits.defaultLimit()));
    }

    /** A request on the transport that starts fastest here. */
    public GetRequest(List<Address> servers, ClientSettings settings, Optional<Path> outputDirectory,
                      PartialFiles partialFiles, ConnectionPermits permits) {
        this(servers, settings, outputDirectory, partialFiles, permits, Transport.AUTO);
    }

    public GetRequest {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no servers");
        }
        servers = List.copyOf(servers);
    }

    public List<Task> tasks() {
        List<Task> tasks = new ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) {
            tasks.add(new Task(i + 1, servers.get(i)));
        }
        return tasks;
    }

    /** {@code DIR/task-N-HOST-PORT.txt}. */
    public Optional<Path> outputFile(Task task) {
        String host = task.address().host().replaceAll("[^A-Za-z0-9.-]", "_");
        return outputDirectory.map(dir -> dir.resolve("task-" + task.number() + "-" + host + "-" + task.address().port() + ".txt"));
    }

    /** Poems are streamed to files when an output directory is given (see {@link #heldInMemory()}). */
    boolean streamsToFiles() {
        return outputDirectory.isPresent();
    }

    /** The same downloads held in memory: a poem that is transformed must be whole first. */
    GetRequest heldInMemory() {
        return new GetRequest(servers, settings, Optional.empty(), partialFiles, permits, transport);
    }
}

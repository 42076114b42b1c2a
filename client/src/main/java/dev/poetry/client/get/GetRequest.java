package dev.poetry.client.get;

import dev.poetry.client.ClientSettings;
import dev.poetry.client.ConnectionPermits;
import dev.poetry.protocol.Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code poetry get} was asked to do.
 *
 * @param transformServer where to send each poem for transforming, if anywhere
 * @param transform the transform's name
 * @param outputDirectory where each poem is written as it arrives, instead of being held, if anywhere
 * @param permits how many connections the run may hold open at once, shared by all its tasks
 */
public record GetRequest(List<Address> servers, Optional<Address> transformServer, String transform,
                         ClientSettings settings, Optional<Path> outputDirectory, ConnectionPermits permits) {

    /** A request whose connections are bounded by what the descriptor limit allows. */
    public GetRequest(List<Address> servers, Optional<Address> transformServer, String transform,
                      ClientSettings settings, Optional<Path> outputDirectory) {
        this(servers, transformServer, transform, settings, outputDirectory, new ConnectionPermits(ConnectionPermits.defaultLimit()));
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

    /** Poems are streamed to files only when nothing needs them whole afterwards. */
    boolean streamsToFiles() {
        return outputDirectory.isPresent() && transformServer.isEmpty();
    }
}

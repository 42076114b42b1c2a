package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README: "Stdout carries the poems, each exactly as received": bytes that are not UTF-8 too. */
class GetStdoutBytesIT {

    /** Serves {@code poem} to every client, then closes cleanly. */
    private static ServerSocket serving(byte[] poem) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket client = listener.accept(); OutputStream out = client.getOutputStream()) {
                    out.write(poem);
                } catch (IOException closed) {
                    // the listener closed, or the client left: nothing to do
                }
            }
        }, "poem-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }

    @Test
    void aLatin1PoemReachesStdoutByteForByteAndTwoPoemsKeepTheirBlankLine(@TempDir Path dir) throws Exception {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9, '\n', 'n', 'a', (byte) 0xEF, 'v', 'e'};
        Path out = dir.resolve("out");
        try (ServerSocket server = serving(latin1);
             PoetryProcess get = PoetryProcess.start(new ProcessBuilder(PoetryProcess.command("get",
                     String.valueOf(server.getLocalPort()), String.valueOf(server.getLocalPort()))).redirectOutput(out.toFile()))) {
            PoetryProcess.Finished done = get.finish(Duration.ofSeconds(60), "ended");
            assertEquals(0, done.exitCode(), done.err());
        }
        byte[] twice = new byte[latin1.length * 2 + 2];
        System.arraycopy(latin1, 0, twice, 0, latin1.length);
        twice[latin1.length] = '\n';
        twice[latin1.length + 1] = '\n';
        System.arraycopy(latin1, 0, twice, latin1.length + 2, latin1.length);
        assertArrayEquals(twice, Files.readAllBytes(out));
    }
}

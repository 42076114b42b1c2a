package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --max-bytes}, {@code --max-time} and {@code --parallel} as a user meets them. */
class GetLimitOptionsTest {

    /** Accepts one connection and sends an endless line until the client goes away. */
    private static Thread sendEndlessly(ServerSocket server) {
        Thread sender = new Thread(() -> {
            byte[] block = "la ".repeat(21_000).getBytes(StandardCharsets.US_ASCII);
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                while (true) {
                    out.write(block);
                }
            } catch (IOException clientLeft) {
                // what the test expects
            }
        }, "endless-sender");
        sender.setDaemon(true);
        sender.start();
        return sender;
    }

    @Test
    void anEndlessPoemFailsAtTheDefaultSixtyFourMebibytes() throws Exception {
        try (ServerSocket endless = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread sender = sendEndlessly(endless);
            CapturedRun run = new CapturedRun();
            assertEquals(1, run.execute("get", String.valueOf(endless.getLocalPort())));
            assertTrue(run.err.toString().startsWith("Task 1: failed to get poetry from 127.0.0.1:" + endless.getLocalPort()
                    + ": poem longer than 64 MiB (--max-bytes)"), run.err.toString());
            sender.join(10_000);
            assertTrue(!sender.isAlive(), "the connection was closed");
        }
    }

    @Test
    void maxBytesTakesSuffixes() throws Exception {
        try (ServerSocket endless = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            sendEndlessly(endless);
            CapturedRun run = new CapturedRun();
            assertEquals(1, run.execute("get", "--style", "blocking", "--max-bytes", "100K", String.valueOf(endless.getLocalPort())));
            assertTrue(run.err.toString().contains(": poem longer than 100 KiB (--max-bytes)"), run.err.toString());
        }
    }

    @Test
    void maxTimeEndsAServerThatNeverGoesQuiet() throws Exception {
        try (ServerSocket drip = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread dripper = new Thread(() -> {
                try (Socket client = drip.accept(); OutputStream out = client.getOutputStream()) {
                    while (true) {
                        out.write('.');
                        Thread.sleep(200); // the peer's pace
                    }
                } catch (IOException | InterruptedException clientLeft) {
                    // what the test expects
                }
            }, "dripper");
            dripper.setDaemon(true);
            dripper.start();
            CapturedRun run = new CapturedRun();
            long start = System.nanoTime();
            assertEquals(1, run.execute("get", "--timeout", "1", "--max-time", "1", String.valueOf(drip.getLocalPort())));
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "ended within a few seconds");
            assertTrue(run.err.toString().startsWith("Task 1: failed to get poetry from 127.0.0.1:" + drip.getLocalPort()
                    + ": no whole poem within 1 s (--max-time)"), run.err.toString());
        }
    }

    @Test
    void parallelMustAllowOneConnection() {
        CapturedRun run = new CapturedRun();
        assertEquals(2, run.execute("get", "--parallel", "0", "10001"));
        assertTrue(run.err.toString().contains("--parallel must be at least 1, not 0"), run.err.toString());
    }

    @Test
    void helpSaysWhatEachTimeBounds() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("get", "--help"));
        String help = run.out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("--timeout=SECONDS Connect and idle bound"), help);
        assertTrue(help.contains("--max-time=SECONDS Fail a task whose whole download takes longer"), help);
        assertTrue(help.contains("--parallel=N"), help);
    }
}

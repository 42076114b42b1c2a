package dev.poetry.cli;

import dev.poetry.server.ServerLimits;
import dev.poetry.client.ClientSettings;
import dev.poetry.client.PoemTooLongException;
import dev.poetry.client.PoetryClient;
import dev.poetry.net.Address;
import dev.poetry.proxy.PoemCache;
import dev.poetry.proxy.PoetryProxy;
import dev.poetry.server.RunningServer;
import dev.poetry.server.Verbosity;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code poetry proxy}: the tutorial's poetry proxy, with coalescing, expiry and no cached failures. */
@Command(
        name = "proxy",
        header = "Serve an upstream server's poem, fetched once, then from memory.",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the poem of an upstream poetry server: fetched once, then from memory.",
            "Clients that arrive during the fetch share it; if all of them hang up first,",
            "the fetch is cancelled. A failed fetch is never cached, and its waiting",
            "clients are reset, so that they see a failure, not a short poem.",
            "SIGHUP drops the cached poem: the next client fetches it again.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  poetry proxy --port 10000 10001",
            "  poetry proxy --ttl 60 --port 10000 poems.example:10001",
            "  kill -HUP PID      # forget the cached poem",
        })
final class ProxyCommand implements Callable<Integer> {

    private final StopSignal stop;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ListenOptions listen;

    @Mixin
    private ServerLogOptions logging;

    @Mixin
    private ServerLimitOptions limitOptions;

    @Mixin
    private TransportOption transport;

    @Option(names = "--ttl", paramLabel = "SECONDS",
            description = "Fetch again once the cached poem is this old (default: keep it for ever).")
    private Double ttl;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up on an upstream that does not accept by then (default: ${DEFAULT-VALUE}).")
    private double connectTimeout;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up on an upstream that sends nothing for this long (default: ${DEFAULT-VALUE}).")
    private double idleTimeout;

    @Option(names = "--max-bytes", paramLabel = "SIZE", defaultValue = "64M", converter = ByteSizeConverter.class,
            description = "Refuse an upstream poem longer than this: the fetch fails and its clients are reset "
                    + "(default: 64 MiB; K, M and G accepted).")
    private long maxBytes;

    @Parameters(paramLabel = "UPSTREAM", converter = AddressConverter.class,
            description = "The poetry server to proxy: PORT, HOST:PORT or [IPV6]:PORT.")
    private Address upstream;

    ProxyCommand(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public Integer call() throws InterruptedException {
        ClientSettings settings = new ClientSettings(
                Seconds.toDuration(spec.commandLine(), "--connect-timeout", connectTimeout, false),
                Seconds.toDuration(spec.commandLine(), "--idle-timeout", idleTimeout, false))
                .withMaxBytes(maxBytes); // the client would otherwise stop at its own default, 64 MiB
        Optional<Duration> freshFor = ttl == null ? Optional.empty()
                : Optional.of(Seconds.toDuration(spec.commandLine(), "--ttl", ttl, false));
        if (maxBytes > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "--max-bytes: the proxy keeps at most 2 GiB - 1 byte in memory");
        }
        Verbosity verbosity = logging.verbosity();
        ServerLimits limits = limitOptions.limits();
        warnIfDirectMemoryCannotHold(maxBytes, DirectMemoryLimit.limit());
        return ForegroundServer.run(listen.threads, transport.transport(),
                loops -> {
                    PoetryClient client = new PoetryClient(loops, settings);
                    PoemCache cache = new PoemCache(sink -> client.download(upstream, sink), freshFor, maxBytes, System::nanoTime, verbosity);
                    RunningServer server = PoetryProxy.start(loops, listen.iface, listen.port, cache, limits, verbosity);
                    dropTheCachedPoemOnHangup(cache);
                    return server;
                },
                server -> "Proxying " + upstream + " on " + server.address() + ".",
                spec.commandLine().getOut(), stop);
    }

    /**
     * The cached poem lives in direct memory, and while a stale one is fetched again a second may
     * too: a JVM that cannot hold two poems of --max-bytes would fail the longer ones mid-fetch, so
     * the log says so at start (scripts/poetry gives the proxy room for two of the default).
     */
    static void warnIfDirectMemoryCannotHold(long maxBytes, long limit) {
        if (2 * maxBytes > limit) {
            LoggerFactory.getLogger(ProxyCommand.class).warn(
                    "--max-bytes {} needs up to {} of direct memory (the cached poem and its next fetch), and this JVM "
                            + "allows {} (-XX:MaxDirectMemorySize): poems much longer than half of that will fail",
                    PoemTooLongException.describe(maxBytes), PoemTooLongException.describe(2 * maxBytes), PoemTooLongException.describe(limit));
        }
    }

    /**
     * SIGHUP makes the proxy forget its poem, so that an operator can recover from an upstream that
     * closed cleanly mid-poem (which the protocol cannot tell from a whole poem) without a restart.
     */
    private static void dropTheCachedPoemOnHangup(PoemCache cache) {
        try {
            sun.misc.Signal hangup = new sun.misc.Signal("HUP");
            if (sun.misc.Signal.handle(hangup, signal -> cache.drop("SIGHUP")) == sun.misc.SignalHandler.SIG_IGN) {
                // Ignored since start (nohup): the JVM keeps it so and installs nothing; say so once.
                sun.misc.Signal.handle(hangup, sun.misc.SignalHandler.SIG_IGN);
                LoggerFactory.getLogger(ProxyCommand.class).info(
                        "SIGHUP is ignored by this process (started under nohup?): it cannot drop the cached poem");
            }
        } catch (IllegalArgumentException unavailable) {
            // -Xrs, or a platform without SIGHUP: the proxy works, only without this handle
            LoggerFactory.getLogger(ProxyCommand.class).info("SIGHUP is not available here: {}", unavailable.getMessage());
        }
    }
}

package dev.poetry.client;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.resolver.HostsFileEntriesResolver;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseNotifier;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Opens client connections whose outcome is a future, for both clients: takes a permit from the
 * run's {@link ConnectionPermits} (queueing without blocking when none is free), looks the host
 * up with Netty's DNS resolver (cached, honours {@code /etc/hosts}; IP literals need no lookup),
 * then connects. The connect timeout bounds lookup and connection together; the optional
 * {@code maxTime} bounds the whole exchange. However the future ends (done, failed or cancelled by
 * its owner), the connection is closed at once: this is what makes cancelling a download stop the
 * server's sending. Closing the connector closes its resolvers; its event loops stay its owner's.
 */
public final class Connector implements AutoCloseable {

    private final EventLoops loops;
    private final ClientSettings settings;
    private final ConnectionPermits permits;
    /** The only DNS server to ask, or null for the system's. */
    private final InetSocketAddress nameServer;
    /** Built on first need, by a thread of its own: a run whose hosts are all IP literals never builds them. */
    private CompletableFuture<DnsAddressResolverGroup> resolvers; // guarded by this
    private boolean closed; // guarded by this

    public Connector(EventLoops loops, ClientSettings settings, ConnectionPermits permits) {
        this(loops, settings, permits, null);
    }

    /** @param nameServer the only DNS server to ask, or null for the system's: a hook for tests */
    Connector(EventLoops loops, ClientSettings settings, ConnectionPermits permits, InetSocketAddress nameServer) {
        this.loops = loops;
        this.settings = settings;
        this.permits = permits;
        this.nameServer = nameServer;
    }

    /**
     * The resolvers, started on first call. Building them loads the DNS codec and reads
     * /etc/resolv.conf (a tenth of a client's start-up), so no loop waits for it and no run of IP
     * literals pays it.
     */
    private synchronized CompletableFuture<DnsAddressResolverGroup> resolvers() {
        if (resolvers == null) {
            resolvers = closed ? CompletableFuture.failedFuture(new IllegalStateException("the connector is closed"))
                    : CompletableFuture.supplyAsync(this::buildResolvers, Connector::onSetUpThread);
        }
        return resolvers;
    }

    private DnsAddressResolverGroup buildResolvers() {
        DnsNameResolverBuilder dns = new DnsNameResolverBuilder()
                .datagramChannelType(loops.datagramChannelType())
                .socketChannelType(loops.socketChannelType())
                .hostsFileEntriesResolver(HostsFileEntriesResolver.DEFAULT)
                .queryTimeoutMillis(settings.connectTimeout().toMillis());
        if (nameServer != null) {
            dns.nameServerProvider(new SingletonDnsServerAddressStreamProvider(nameServer));
        }
        DnsAddressResolverGroup group = new DnsAddressResolverGroup(dns);
        for (EventExecutor loop : loops.group()) {
            group.getResolver(loop);
        }
        return group;
    }

    /** Whether a lookup has needed the resolvers yet: for tests. */
    synchronized boolean resolversStarted() {
        return resolvers != null;
    }

    private static void onSetUpThread(Runnable task) {
        Thread thread = new Thread(task, "poetry-dns-setup");
        thread.setDaemon(true);
        thread.start();
    }

    ClientSettings settings() {
        return settings;
    }

    /**
     * Starts a connection to {@code address} whose pipeline {@code pipeline} builds around the
     * returned future; the pipeline's handlers complete it.
     */
    <T> CompletableFuture<T> connect(Address address, Function<CompletableFuture<T>, ChannelHandler> pipeline) {
        CompletableFuture<T> result = new CompletableFuture<>();
        permits.whenAvailable(() -> {
            Runnable release = once(permits::release);
            EventLoop loop = loops.group().next();
            try {
                // Always a hop onto the loop: a release that starts the next connection never recurses.
                loop.execute(() -> lookUp(address, result, pipeline, loop, release));
            } catch (RejectedExecutionException shutDown) {
                result.completeExceptionally(shutDown);
                release.run();
            }
        });
        return result;
    }

    private <T> void lookUp(Address address, CompletableFuture<T> result, Function<CompletableFuture<T>, ChannelHandler> pipeline,
                            EventLoop loop, Runnable release) {
        if (result.isDone()) {
            release.run(); // cancelled while it waited for a permit
            return;
        }
        long start = System.nanoTime();
        settings.maxTime().ifPresent(limit -> {
            Future<?> deadline = loop.schedule(() -> result.completeExceptionally(new MaxTimeException(limit)),
                    limit.toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((value, error) -> deadline.cancel(false));
        });
        Duration connectTimeout = settings.connectTimeout();
        Future<InetSocketAddress> lookup = resolve(address, loop);
        Future<?> lookupTimer = loop.schedule(() -> {
            if (lookup.cancel(false)) {
                result.completeExceptionally(new NameLookupTimeoutException(address.host(), connectTimeout));
            }
        }, connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((value, error) -> lookup.cancel(false));
        lookup.addListener(done -> {
            lookupTimer.cancel(false);
            if (!done.isSuccess() || result.isDone()) {
                if (!done.isCancelled()) {
                    result.completeExceptionally(lookupFailure(address, done.cause()));
                }
                release.run();
                return;
            }
            long left = connectTimeout.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            open(lookup.getNow(), result, pipeline.apply(result), loop, (int) Math.max(1, Math.min(Integer.MAX_VALUE, left)), release);
        });
    }

    private <T> void open(InetSocketAddress resolved, CompletableFuture<T> result, ChannelHandler initializer,
                          EventLoop loop, int connectMillis, Runnable release) {
        ChannelFuture connected = new Bootstrap()
                .group(loop)
                .channel(loops.socketChannelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                .handler(initializer)
                .connect(resolved);
        Channel channel = connected.channel();
        channel.closeFuture().addListener(closed -> release.run());
        connected.addListener(attempt -> {
            if (!attempt.isSuccess()) {
                result.completeExceptionally(attempt.cause());
                if (!channel.isRegistered()) {
                    release.run(); // no channel was made (descriptors ran out, say): nothing will close
                }
            }
        });
        result.whenComplete((value, error) -> channel.close());
    }

    /** An IP literal at once; a name through the DNS resolver of {@code loop}, once the resolvers exist. */
    private Future<InetSocketAddress> resolve(Address address, EventLoop loop) {
        Optional<InetSocketAddress> literal = address.resolvedIfLiteral();
        if (literal.isPresent()) {
            return loop.newSucceededFuture(literal.get());
        }
        Promise<InetSocketAddress> resolved = loop.newPromise();
        resolvers().whenComplete((group, failure) -> {
            if (failure != null) {
                resolved.tryFailure(failure);
                return;
            }
            try {
                loop.execute(() -> {
                    if (!resolved.isDone()) {
                        PromiseNotifier.cascade(group.getResolver(loop).resolve(address.toSocketAddress()), resolved);
                    }
                });
            } catch (RejectedExecutionException shutDown) {
                resolved.tryFailure(shutDown);
            }
        });
        return resolved;
    }

    /** Netty says "Failed to resolve 'x' [A(1)] after 2 queries"; we say which host, once, and whether it was time. */
    private Throwable lookupFailure(Address address, Throwable cause) {
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof DnsNameResolverTimeoutException) {
                return new NameLookupTimeoutException(address.host(), settings.connectTimeout());
            }
        }
        if (cause instanceof UnknownHostException) {
            UnknownHostException unknown = new UnknownHostException(address.host());
            unknown.initCause(cause);
            return unknown;
        }
        return cause;
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    @Override
    public void close() {
        CompletableFuture<DnsAddressResolverGroup> built;
        synchronized (this) {
            closed = true;
            built = resolvers;
        }
        if (built != null) {
            built.thenAccept(DnsAddressResolverGroup::close);
        }
    }
}

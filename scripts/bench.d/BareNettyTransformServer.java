import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.nio.charset.StandardCharsets;

/**
 * A plain Netty transform server, which scripts/bench measures beside ours and Twisted's: Netty on
 * epoll with its defaults, one loop, each connection's one netstring read whole, its poem
 * lower-cased (ASCII only, which is all the benchmark's poem is) and sent back as a netstring,
 * then closed; nothing else (no limits, no checks, no timers, no logging). Not a floor: ours reads
 * a request in one go and answers from the read buffer, where Netty's defaults read in smaller
 * pieces; the floor under any Netty server is BareNettyPoemServer's, which reads nothing.
 *
 *   java -cp cli/target/poetry.jar scripts/bench.d/BareNettyTransformServer.java PORT
 */
public final class BareNettyTransformServer {

    /** Per connection: gathers the request until its netstring is whole. */
    private static final class LowerAndClose extends ChannelInboundHandlerAdapter {
        private ByteBuf request;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            if (request == null) {
                request = bytes;
            } else {
                request.writeBytes(bytes);
                bytes.release();
            }
            int colon = request.indexOf(request.readerIndex(), request.writerIndex(), (byte) ':');
            if (colon < 0) {
                return;
            }
            int length = Integer.parseInt(request.toString(request.readerIndex(), colon - request.readerIndex(), StandardCharsets.US_ASCII));
            if (request.writerIndex() < colon + 1 + length + 1) {
                return; // more to come: the next read is appended, the buffer growing as it must
            }
            int dot = request.indexOf(colon + 1, colon + 1 + length, (byte) '.');
            ByteBuf poem = request.retainedSlice(dot + 1, colon + length - dot);
            for (int i = poem.readerIndex(); i < poem.writerIndex(); i++) {
                byte b = poem.getByte(i);
                if (b >= 'A' && b <= 'Z') {
                    poem.setByte(i, b + ('a' - 'A'));
                }
            }
            ByteBuf prefix = ctx.alloc().buffer(12).writeBytes((poem.readableBytes() + ":").getBytes(StandardCharsets.US_ASCII));
            ctx.write(prefix);
            ctx.write(poem);
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(',')).addListener(ChannelFutureListener.CLOSE);
            request.release();
            request = null;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (request != null) {
                request.release();
                request = null;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        new ServerBootstrap()
                .group(new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()))
                .channelFactory(() -> new EpollServerSocketChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new LowerAndClose());
                    }
                })
                .bind("127.0.0.1", Integer.parseInt(args[0])).sync();
        System.out.println("Serving bare Netty transforms on 127.0.0.1:" + args[0] + ".");
        Thread.currentThread().join();
    }
}

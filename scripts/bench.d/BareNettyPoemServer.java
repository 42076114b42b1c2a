import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor scripts/bench measures the fast server against, beside nginx: Netty on epoll, one
 * loop, each connection written the whole poem and closed, and nothing else (no limits, no
 * logging, no shutdown). What the fast server costs above this is ours; below it, Netty's.
 *
 *   java -cp cli/target/poetry.jar scripts/bench.d/BareNettyPoemServer.java PORT POEM
 */
public final class BareNettyPoemServer {

    @ChannelHandler.Sharable
    private static final class WriteAndClose extends ChannelInboundHandlerAdapter {
        private final ByteBuf poem;

        WriteAndClose(ByteBuf poem) {
            this.poem = poem;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.channel().writeAndFlush(poem.duplicate()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public static void main(String[] args) throws Exception {
        byte[] text = Files.readAllBytes(Path.of(args[1]));
        ByteBuf poem = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(text.length).put(text).flip()));
        new ServerBootstrap()
                .group(new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()))
                .channelFactory(() -> new EpollServerSocketChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childHandler(new WriteAndClose(poem))
                .bind("127.0.0.1", Integer.parseInt(args[0])).sync();
        System.out.println("Serving a bare Netty poem on 127.0.0.1:" + args[0] + ".");
        Thread.currentThread().join();
    }
}

/** Netstring framing (D. J. Bernstein's {@code LENGTH:BYTES,}) as a Netty decoder and encoder pair. */
package dev.poetry.net.netstring;

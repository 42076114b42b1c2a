/**
 * The network pieces servers and clients share: the wire (addresses, transform requests, strict
 * UTF-8) and the transport (the event loops and the one place that picks epoll, io_uring or NIO).
 */
package dev.poetry.net;

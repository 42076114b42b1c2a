"""Twisted peers for checking that poetry interoperates with Twisted, the tutorial's library.

Written for this project in Python 3 with the same Twisted building blocks the tutorial's
programs use (a plain Protocol for poems, NetstringReceiver for transforms):

  serve-poem FILE           a poetry server: the file's bytes, then close
  serve-transform           a transform server: cummingsify (lower case)
  get-poem PORT             a poetry client: the bytes until close, to stdout
  transform PORT NAME FILE  a transform client: the reply's payload, to stdout

Servers listen on 127.0.0.1 on a free port and print "PORT <n>" once listening.
"""
import sys

from twisted.internet import defer, protocol, reactor
from twisted.protocols.basic import NetstringReceiver


class PoemSender(protocol.Protocol):
    def connectionMade(self):
        self.transport.write(self.factory.poem)
        self.transport.loseConnection()


class TransformResponder(NetstringReceiver):
    def stringReceived(self, request):
        name, dot, poem = request.partition(b".")
        if dot and name == b"cummingsify":
            self.sendString(poem.decode("utf-8").lower().encode("utf-8"))
        self.transport.loseConnection()


class PoemReader(protocol.Protocol):
    def __init__(self):
        self.chunks = []

    def dataReceived(self, data):
        self.chunks.append(data)

    def connectionLost(self, reason):
        self.factory.done.callback(b"".join(self.chunks))


class TransformAsker(NetstringReceiver):
    def connectionMade(self):
        self.sendString(self.factory.request)

    def stringReceived(self, reply):
        self.factory.done.callback(reply)
        self.transport.loseConnection()

    def connectionLost(self, reason):
        if not self.factory.done.called:
            self.factory.done.errback(reason)


def listen(protocol_class, **attributes):
    factory = protocol.ServerFactory.forProtocol(protocol_class)
    for key, value in attributes.items():
        setattr(factory, key, value)
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")
    print("PORT", port.getHost().port, flush=True)
    reactor.run()


def fetch(port, protocol_class, **attributes):
    factory = protocol.ClientFactory.forProtocol(protocol_class)
    factory.done = defer.Deferred()
    for key, value in attributes.items():
        setattr(factory, key, value)
    outcome = {}

    def finished(result):
        outcome["value"] = result
        reactor.stop()

    factory.done.addBoth(finished)
    reactor.connectTCP("127.0.0.1", port, factory)
    reactor.callLater(30, factory.done.errback, TimeoutError("no answer within 30 s"))
    reactor.run()
    value = outcome.get("value")
    if not isinstance(value, bytes):
        sys.exit("failed: %s" % (value,))
    sys.stdout.buffer.write(value)


def main(argv):
    command = argv[1] if len(argv) > 1 else ""
    if command == "serve-poem":
        with open(argv[2], "rb") as poem:
            listen(PoemSender, poem=poem.read())
    elif command == "serve-transform":
        listen(TransformResponder)
    elif command == "get-poem":
        fetch(int(argv[2]), PoemReader)
    elif command == "transform":
        with open(argv[4], "rb") as poem:
            fetch(int(argv[2]), TransformAsker, request=argv[3].encode("ascii") + b"." + poem.read())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)

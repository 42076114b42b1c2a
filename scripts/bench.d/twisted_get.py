"""A Twisted poetry client for scripts/bench to time against `poetry get --transform`.

Written for this project after the shape of the tutorial's client 8: fetch one poem from a
poetry server (bytes until close), send it to a transform server as one netstring
NAME.POEM, print the reply. Python 3, Debian's python3-twisted.

  twisted_get.py TRANSFORM_PORT POEM_PORT [NAME]    (NAME defaults to cummingsify)
"""
import sys

from twisted.internet import defer, protocol, reactor, task
from twisted.protocols.basic import NetstringReceiver


class PoemReader(protocol.Protocol):
    def connectionMade(self):
        self.chunks = []

    def dataReceived(self, data):
        self.chunks.append(data)

    def connectionLost(self, reason):
        self.factory.deferred.callback(b"".join(self.chunks))


class TransformAsker(NetstringReceiver):
    def connectionMade(self):
        self.sendString(self.factory.request)

    def stringReceived(self, reply):
        self.factory.deferred.callback(reply)
        self.transport.loseConnection()


def ask(protocol_class, port, request=None):
    factory = protocol.ClientFactory.forProtocol(protocol_class)
    factory.deferred, factory.request = defer.Deferred(), request
    reactor.connectTCP("127.0.0.1", port, factory, timeout=30)
    return factory.deferred


@defer.inlineCallbacks
def main(reactor, transform_port, poem_port, name="cummingsify"):
    poem = yield ask(PoemReader, int(poem_port))
    text = yield ask(TransformAsker, int(transform_port), name.encode("ascii") + b"." + poem)
    sys.stdout.buffer.write(text)


if __name__ == "__main__":
    task.react(main, sys.argv[1:])

/** Wire-level pieces that servers and clients share: addresses, transform requests and the transport choice. */
package dev.poetry.protocol;

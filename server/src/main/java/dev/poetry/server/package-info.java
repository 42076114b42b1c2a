/** What every server shares: binding a listening socket, the handle that stops it, and loading a poem. */
package dev.poetry.server;

/** The fast poetry server: each connection gets the whole poem at once, then the server closes. */
package dev.poetry.server.fast;

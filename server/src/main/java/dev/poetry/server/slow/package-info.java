/** The slow poetry server: each connection gets a few bytes at a time on its own schedule. */
package dev.poetry.server.slow;

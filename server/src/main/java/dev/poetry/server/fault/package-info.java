/** The fault server: a fast or slow poetry server that misbehaves on purpose, for learners and tests. */
package dev.poetry.server.fault;

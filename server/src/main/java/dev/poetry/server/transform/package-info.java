/** The transform server: one netstring request {@code NAME.POEM}, one netstring reply, then close. */
package dev.poetry.server.transform;

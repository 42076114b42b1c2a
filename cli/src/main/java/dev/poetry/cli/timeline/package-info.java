/** The timeline of a {@code poetry get} run: recorded through a reporter, drawn as SVG or text, kept as TSV. */
package dev.poetry.cli.timeline;

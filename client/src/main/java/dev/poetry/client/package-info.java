/** Asynchronous clients for poetry and transform servers, returning cancellable futures. */
package dev.poetry.client;

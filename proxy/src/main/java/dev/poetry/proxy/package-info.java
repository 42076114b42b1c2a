/** The poetry proxy: one upstream poem, fetched once, cached, shared by every client, cancelled when nobody waits. */
package dev.poetry.proxy;

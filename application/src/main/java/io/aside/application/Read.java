package io.aside.application;

/** A value read through the cache, and whether the cache answered (a hit) or the database did. */
public record Read<V>(V value, boolean fromCache) {}

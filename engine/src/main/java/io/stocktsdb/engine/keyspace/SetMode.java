package io.stocktsdb.engine.keyspace;

/** SET's NX / XX condition. */
public enum SetMode { ALWAYS, NX, XX }

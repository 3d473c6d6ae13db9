package io.stocktsdb.server;

/** Versions StockTSDB reports so that Redis and RedisTimeSeries clients enable their features. */
public final class ServerInfo {
    /** The Redis version we behave as (Redis 8.2 with its built-in time series). */
    public static final String REDIS_VERSION = "8.2.5";
    public static final String TIMESERIES_MODULE = "timeseries";
    public static final int TIMESERIES_MODULE_VERSION = 80205;
    public static final String PRODUCT_VERSION = "0.1.0";

    private ServerInfo() {}
}

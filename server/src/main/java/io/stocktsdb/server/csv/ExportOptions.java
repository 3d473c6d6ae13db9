package io.stocktsdb.server.csv;

/**
 * Everything an export needs.
 *
 * @param mapping    the business's column mapping (with the prefix to use)
 * @param form       the storage form the data was imported in
 * @param timestamps how the timestamp column is written
 * @param from       first timestamp (ms, inclusive)
 * @param to         last timestamp (ms, inclusive)
 */
public record ExportOptions(BusinessMapping mapping, StorageForm form, TimestampFormat timestamps, long from, long to,
                            String host, int port, String password) {}

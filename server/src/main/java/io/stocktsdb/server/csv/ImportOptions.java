package io.stocktsdb.server.csv;

import java.nio.file.Path;

/**
 * Everything an import needs.
 *
 * @param file         the CSV file (header row first)
 * @param mapping      the business's column mapping (with the prefix to use)
 * @param form         storage form
 * @param timestamps   how the timestamp column is read
 * @param host         server address
 * @param port         server RESP port
 * @param password     requirepass, or null
 * @param connections  parallel connections (rows of one entity always share one)
 * @param batchRows    rows per pipelined batch and connection
 */
public record ImportOptions(Path file, BusinessMapping mapping, StorageForm form, TimestampFormat timestamps,
                            String host, int port, String password, int connections, int batchRows) {}

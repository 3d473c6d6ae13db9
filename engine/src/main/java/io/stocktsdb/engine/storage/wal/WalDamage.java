package io.stocktsdb.engine.storage.wal;

import java.nio.file.Path;

/**
 * Where a WAL file stops being readable.
 *
 * @param file    the WAL file
 * @param offset  where the first write batch that cannot be read starts (everything before it is intact)
 * @param problem what is wrong there, e.g. "a checksum mismatch"
 * @param bytes   bytes from {@code offset} to the end of the file (what cutting there drops from this file)
 * @param torn    the file simply ends inside a record: what a crash while writing leaves
 */
public record WalDamage(Path file, long offset, String problem, long bytes, boolean torn) {}

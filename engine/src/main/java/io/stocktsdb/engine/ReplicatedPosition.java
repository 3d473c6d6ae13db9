package io.stocktsdb.engine;

import io.stocktsdb.engine.storage.KeyCodec;
import io.stocktsdb.engine.storage.RocksStore;
import io.stocktsdb.engine.error.StorageException;
import org.rocksdb.RocksDBException;

import java.nio.ByteBuffer;

/** The (term, index) of the last replicated log entry the engine applied; (0, 0) before any. */
public record ReplicatedPosition(long term, long index) {
    static final byte[] RECORD_KEY = KeyCodec.engineRecordKey("raft-applied");
    private static final byte VERSION = 1;

    public static final ReplicatedPosition NONE = new ReplicatedPosition(0, 0);

    byte[] encode() {
        return ByteBuffer.allocate(17).put(VERSION).putLong(term).putLong(index).array();
    }

    static ReplicatedPosition decode(byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        byte version = b.get();
        if (version != VERSION) throw new StorageException("unsupported replicated position version " + version);
        return new ReplicatedPosition(b.getLong(), b.getLong());
    }

    static ReplicatedPosition read(RocksStore rocks) {
        try {
            byte[] v = rocks.db().get(rocks.defaultCf(), RECORD_KEY);
            return v == null ? NONE : decode(v);
        } catch (RocksDBException e) {
            throw new StorageException("cannot read the replicated position", e);
        }
    }
}

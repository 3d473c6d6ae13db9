package io.stocktsdb.engine.error;

/** A RocksDB failure, already logged once with context where it was raised. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}

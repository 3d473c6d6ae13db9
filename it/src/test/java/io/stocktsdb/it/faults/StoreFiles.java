package io.stocktsdb.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Damage done to a stopped or running store's files by the fault tests. */
final class StoreFiles {
    private StoreFiles() {
    }

    /** The store's one RocksDB write-ahead log (the tests write little enough that there is one). */
    static Path onlyWal(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> wals = s.filter(p -> p.getFileName().toString().matches("\\d+\\.log")).toList();
            assertThat(wals).hasSize(1);
            return wals.get(0);
        }
    }

    /** Inverts the bits of the byte at {@code at} (twice: as it was). */
    static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            byte was = f.readByte();
            f.seek(at);
            f.writeByte(~was);
        }
    }
}

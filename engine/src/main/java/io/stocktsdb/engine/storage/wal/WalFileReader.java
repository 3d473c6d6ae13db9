package io.stocktsdb.engine.storage.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads one RocksDB write-ahead-log file the way RocksDB's {@code log::Reader} does (32 KiB
 * blocks of physical records {@code [masked crc32c u32][length u16][type u8][payload]}, a logical
 * record — one WriteBatch — in one FULL or FIRST, MIDDLE..., LAST fragments), but instead of
 * stopping quietly at the first problem it reports where the damage is, what kind it is and
 * whether valid records follow it. RocksDB itself only tells "stopped" or "failed".
 */
public final class WalFileReader {
    static final int BLOCK = 32 * 1024;
    static final int HEADER = 7;
    static final int RECYCLABLE_HEADER = 11;
    private static final int MASK_DELTA = 0xa282ead8;
    /** Batches larger than this are checked but not handed to the visitor (their bytes are not kept). */
    private static final int MAX_DECODED_BATCH = 64 << 20;

    private static final int ZERO = 0, FULL = 1, FIRST = 2, MIDDLE = 3, LAST = 4;

    /** Receives every complete WriteBatch; {@code afterDamage} is true for batches found past a damage. */
    @FunctionalInterface
    public interface BatchVisitor {
        void visit(long fileOffset, ByteBuffer batch, boolean afterDamage);
    }

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
    private long blockStart = -1;
    private final CRC32C crc = new CRC32C();

    private WalFileReader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
    }

    /** Reads {@code file} start to end; the visitor may be null (only validity is checked). */
    public static WalFileReport read(Path file, BatchVisitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new WalFileReader(file, ch).readAll(visitor);
        }
    }

    private WalFileReport readAll(BatchVisitor visitor) throws IOException {
        Assembly ok = new Assembly(visitor, false);
        long pos = 0;
        WalDamage damage = null;
        while (pos < size) {
            Physical p = physicalAt(pos);
            if (p.kind == Kind.SKIP) {
                pos = p.next;
                continue;
            }
            if (p.kind == Kind.RECORD) {
                String problem = ok.accept(p, pos);
                if (problem == null) {
                    pos = p.next;
                    continue;
                }
                damage = damageAt(ok.batchStart(pos), problem, false);
                pos = resyncFrom(p.next, pos);
                break;
            }
            damage = damageAt(ok.batchStart(pos), p.problem, p.kind == Kind.TORN);
            pos = p.kind == Kind.TORN ? size : resyncFrom(p.next, pos);
            break;
        }
        if (damage == null && ok.inFragment()) {
            damage = damageAt(ok.fragmentStart, "the last write batch has no end (its LAST fragment is missing)", true);
        }
        if (damage == null) return new WalFileReport(file, size, ok.batches, ok.firstSeq, ok.lastSeq, null, 0, 0, 0);
        // look for valid records after the damage: they are what starting without them would lose
        Assembly after = new Assembly(visitor, true);
        while (pos < size) {
            Physical p = physicalAt(pos);
            if (p.kind == Kind.RECORD && after.accept(p, pos) == null) {
                pos = p.next;
            } else if (p.kind == Kind.SKIP) {
                pos = p.next;
            } else {
                after.reset();
                pos = p.kind == Kind.TORN ? size : resyncFrom(p.next, pos);
            }
        }
        return new WalFileReport(file, size, ok.batches, ok.firstSeq, ok.lastSeq, damage, after.batches, after.firstSeq, after.lastSeq);
    }

    private WalDamage damageAt(long offset, String problem, boolean torn) {
        return new WalDamage(file, offset, problem, size - offset, torn);
    }

    /** Where to look for the next valid record after a bad one at {@code badPos}: the next block start. */
    private static long resyncFrom(long next, long badPos) {
        long nextBlock = (badPos / BLOCK + 1) * BLOCK;
        return Math.max(nextBlock, Math.min(next, nextBlock));
    }

    private enum Kind { RECORD, SKIP, TORN, BAD }

    /** One physical record, a region to skip, or a problem. */
    private record Physical(Kind kind, int type, ByteBuffer payload, long next, String problem) {}

    private Physical physicalAt(long pos) throws IOException {
        int inBlock = (int) (pos % BLOCK);
        int leftover = BLOCK - inBlock;
        long nextBlock = pos + leftover;
        if (leftover < HEADER) return new Physical(Kind.SKIP, 0, null, nextBlock, null); // block trailer
        ByteBuffer b = loadBlock(pos - inBlock);
        int avail = b.limit() - inBlock;
        if (avail < HEADER) {
            return allZero(b, inBlock, b.limit()) ? new Physical(Kind.SKIP, 0, null, size, null)
                    : new Physical(Kind.TORN, 0, null, size, "a record header cut off by the end of the file");
        }
        int storedCrc = b.getInt(inBlock);
        int length = Short.toUnsignedInt(b.getShort(inBlock + 4));
        int type = Byte.toUnsignedInt(b.get(inBlock + 6));
        if (type == ZERO && length == 0) {
            // preallocated space RocksDB never wrote: it skips the rest of the block
            return new Physical(Kind.SKIP, 0, null, nextBlock, null);
        }
        int header = recyclable(type) ? RECYCLABLE_HEADER : HEADER;
        if (inBlock + header + length > BLOCK) {
            return new Physical(Kind.BAD, type, null, nextBlock, "a record length (" + length + ") that runs past its block");
        }
        if (inBlock + header + length > b.limit()) {
            return new Physical(Kind.TORN, type, null, size, "a record cut off by the end of the file ("
                    + (b.limit() - inBlock) + " of " + (header + length) + " bytes present)");
        }
        if (!knownType(type)) return new Physical(Kind.BAD, type, null, pos + header + length, "an unknown record type " + type);
        crc.reset();
        crc.update(type);
        if (header == RECYCLABLE_HEADER) crc.update(b.array(), inBlock + HEADER, 4);
        crc.update(b.array(), inBlock + header, length);
        if (mask((int) crc.getValue()) != storedCrc) {
            return new Physical(Kind.BAD, type, null, pos + header + length, "a checksum mismatch");
        }
        ByteBuffer payload = ByteBuffer.wrap(b.array(), inBlock + header, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new Physical(Kind.RECORD, type, payload, pos + header + length, null);
    }

    private ByteBuffer loadBlock(long start) throws IOException {
        if (blockStart != start) {
            block.clear();
            long want = Math.min(BLOCK, size - start);
            block.limit((int) want);
            while (block.hasRemaining()) {
                if (channel.read(block, start + block.position()) < 0) break;
            }
            block.flip();
            blockStart = start;
        }
        return block;
    }

    private static boolean allZero(ByteBuffer b, int from, int to) {
        for (int i = from; i < to; i++) if (b.get(i) != 0) return false;
        return true;
    }

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    private static boolean recyclable(int type) {
        return (type >= 5 && type <= 8) || type == 11 || type == 131;
    }

    private static boolean knownType(int type) {
        return type >= FULL && type <= 11 || type == 130 || type == 131;
    }

    /** Physical fragments to logical records (WriteBatches). */
    private final class Assembly {
        private final BatchVisitor visitor;
        private final boolean afterDamage;
        private ByteBuffer pending;
        private boolean inFragment;
        private boolean keep;
        private long fragmentStart = -1;
        long batches;
        long firstSeq = -1;
        long lastSeq = -1;

        Assembly(BatchVisitor visitor, boolean afterDamage) {
            this.visitor = visitor;
            this.afterDamage = afterDamage;
        }

        boolean inFragment() { return inFragment; }

        /** Where the batch that a problem at {@code pos} belongs to started. */
        long batchStart(long pos) { return inFragment ? fragmentStart : pos; }

        void reset() {
            inFragment = false;
            pending = null;
        }

        /** Null when the record fits, else what is wrong with the sequence of fragments. */
        String accept(Physical p, long pos) {
            int t = p.type > 4 && p.type <= 8 ? p.type - 4 : p.type;
            if (t > LAST) return null; // metadata records (compression type, timestamp sizes, predecessor WAL)
            switch (t) {
                case FULL -> {
                    if (inFragment) return "a write batch that starts before the previous one ended";
                    complete(p.payload, pos, visitor != null);
                }
                case FIRST -> {
                    if (inFragment) return "a write batch that starts before the previous one ended";
                    inFragment = true;
                    fragmentStart = pos;
                    keep = visitor != null;
                    pending = ByteBuffer.allocate(keep ? BLOCK * 4 : 12);
                    append(p.payload);
                }
                case MIDDLE, LAST -> {
                    if (!inFragment) return afterDamage ? null : "a fragment without the start of its write batch";
                    append(p.payload);
                    if (t == LAST) {
                        inFragment = false;
                        ByteBuffer whole = pending.flip();
                        pending = null;
                        complete(whole, fragmentStart, keep);
                    }
                }
                default -> { }
            }
            return null;
        }

        private void append(ByteBuffer part) {
            if (!keep) {
                // only the 12-byte batch header is needed when nobody reads the entries
                if (pending.position() < 12) {
                    ByteBuffer head = part.duplicate();
                    head.limit(head.position() + Math.min(head.remaining(), 12 - pending.position()));
                    pending.put(head);
                }
                return;
            }
            if (pending.remaining() < part.remaining()) {
                long need = (long) pending.position() + part.remaining();
                if (need > MAX_DECODED_BATCH) {
                    keep = false;
                    return;
                }
                ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(MAX_DECODED_BATCH, Math.max(need, pending.capacity() * 2L)));
                pending.flip();
                bigger.put(pending);
                pending = bigger;
            }
            pending.put(part.duplicate());
        }

        private void complete(ByteBuffer batch, long offset, boolean whole) {
            batches++;
            ByteBuffer le = batch.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            if (le.remaining() >= 12) {
                long seq = le.getLong(le.position());
                int count = le.getInt(le.position() + 8);
                if (firstSeq < 0) firstSeq = seq;
                lastSeq = seq + Math.max(count, 1) - 1;
            }
            if (visitor != null && whole) visitor.visit(offset, le, afterDamage);
        }
    }
}

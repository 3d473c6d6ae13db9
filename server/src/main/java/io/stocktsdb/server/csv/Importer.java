package io.stocktsdb.server.csv;

import io.stocktsdb.server.client.RespConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CSV import over RESP: this thread reads and checks rows and encodes them into per-connection
 * batches; each connection has a reply thread that matches replies to rows. Rows of one entity
 * always go to the same connection, so their order (LAST wins on equal timestamps) is kept.
 */
public final class Importer {
    /** Batches written but not yet answered, per connection: bounds memory, keeps the pipe full. */
    private static final int IN_FLIGHT = 4;
    private static final int TIMEOUT_MS = 120_000;

    private final ImportOptions options;
    private final ImportSummary summary = new ImportSummary();
    private final AtomicLong bytesRead = new AtomicLong();

    public Importer(ImportOptions options) { this.options = options; }

    public ImportSummary summary() { return summary; }

    /** Bytes of the file read so far (for progress). */
    public long bytesRead() { return bytesRead.get(); }

    /** Runs the import to the end; bad rows are recorded in the summary, I/O failures thrown. */
    public ImportSummary run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<Lane> lanes = new ArrayList<>();
        try (InputStream raw = new CountingInputStream(Files.newInputStream(options.file()), bytesRead);
             BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16)) {
            CsvRecordReader reader = new CsvRecordReader(in);
            CsvRecordReader.Record rec = new CsvRecordReader.Record();
            if (!reader.next(rec) || rec.error() != null) throw new IOException("the file has no readable header row");
            String[] header = rec.fields();
            if (header.length > 0 && header[0].startsWith("\uFEFF")) header[0] = header[0].substring(1);
            RowEncoder encoder = new RowEncoder(options.mapping(), options.form(), options.timestamps(), header);
            for (int i = 0; i < options.connections(); i++) lanes.add(new Lane(openConnection()));
            while (reader.next(rec)) {
                summary.rowRead();
                if (rec.error() != null) {
                    summary.reject(rec.line(), rec.error());
                    continue;
                }
                try {
                    String entity = encoder.check(rec.fields());
                    Lane lane = lanes.get(Math.floorMod(entity.hashCode(), lanes.size()));
                    encoder.encode(rec.fields(), rec.line(), lane.batch);
                    if (lane.batch.rows >= options.batchRows()) lane.submit();
                } catch (IllegalArgumentException e) {
                    summary.reject(rec.line(), e.getMessage());
                }
            }
            for (Lane l : lanes) l.submit();
            for (Lane l : lanes) l.finish();
        } finally {
            for (Lane l : lanes) l.close();
        }
        summary.finished(System.nanoTime() - start);
        return summary;
    }

    private RespConnection openConnection() throws IOException {
        RespConnection c = RespConnection.open(options.host(), options.port(), options.password(), TIMEOUT_MS);
        return c;
    }

    /** One connection, its current batch, and the thread reading its replies. */
    private final class Lane {
        final RespConnection conn;
        final BlockingQueue<ImportBatch> inFlight = new ArrayBlockingQueue<>(IN_FLIGHT);
        final Thread replies;
        volatile IOException failure;
        ImportBatch batch = new ImportBatch();

        Lane(RespConnection conn) {
            this.conn = conn;
            this.replies = new Thread(this::readReplies, "stocktsdb-import-replies");
            replies.setDaemon(true);
            replies.start();
        }

        void submit() throws IOException, InterruptedException {
            if (failure != null) throw failure;
            if (batch.isEmpty()) return;
            enqueue(batch);
            batch.writeTo(conn);
            conn.flush();
            batch = new ImportBatch();
        }

        private static final ImportBatch END = new ImportBatch();

        /** Waits for room in the pipe; gives up when the reply thread failed. */
        private void enqueue(ImportBatch b) throws IOException, InterruptedException {
            while (!inFlight.offer(b, 200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (failure != null) throw failure;
            }
        }

        void finish() throws IOException, InterruptedException {
            enqueue(END);
            replies.join();
            if (failure != null) throw failure;
        }

        private void readReplies() {
            try {
                while (true) {
                    ImportBatch b = inFlight.take();
                    if (b == END) return;
                    b.readReplies(conn.replies(), summary);
                }
            } catch (IOException e) {
                failure = e;
                inFlight.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void close() throws IOException {
            replies.interrupt();
            conn.close();
        }
    }

    /** Counts the bytes the reader has consumed. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private final AtomicLong count;

        CountingInputStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count.incrementAndGet();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count.addAndGet(n);
            return n;
        }
    }
}

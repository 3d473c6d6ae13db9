package io.stocktsdb.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProposalBatcherTest {
    /** One proposed Raft entry: its payload, and the future the test completes as Ratis would. */
    private record Proposal(List<ReplicatedEntry> entries, CompletableFuture<ByteBuffer> reply) {
        /** Answers every write of the entry with ":<its key's length>". */
        void commit() {
            byte[][] replies = new byte[entries.size()][];
            for (int i = 0; i < replies.length; i++) {
                replies[i] = (":" + entries.get(i).items().get(0).argv()[1].length + "\r\n").getBytes(StandardCharsets.US_ASCII);
            }
            reply.complete(ByteBuffer.wrap(ReplicatedBatch.encodeReplies(replies)));
        }
    }

    private final LinkedBlockingQueue<Proposal> proposed = new LinkedBlockingQueue<>();

    private ProposalBatcher batcher() {
        return new ProposalBatcher("test-proposer", payload -> {
            CompletableFuture<ByteBuffer> f = new CompletableFuture<>();
            proposed.add(new Proposal(ReplicatedBatch.decode(ByteBuffer.wrap(payload)), f));
            return f;
        });
    }

    private static ReplicatedEntry add(String key) {
        byte[][] argv = {"TS.ADD".getBytes(StandardCharsets.US_ASCII), key.getBytes(StandardCharsets.US_ASCII), {'*'}, {'1'}};
        return ReplicatedEntry.command(1, 2, argv);
    }

    private Proposal next() throws InterruptedException {
        Proposal p = proposed.poll(30, TimeUnit.SECONDS);
        assertThat(p).as("a proposal").isNotNull();
        return p;
    }

    private static String reply(CompletableFuture<byte[]> f) throws Exception {
        return new String(f.get(30, TimeUnit.SECONDS), StandardCharsets.US_ASCII);
    }

    @Test
    void writesQueuedWhileTheEntriesInFlightCommitGoIntoOneEntry() throws Exception {
        assertThat(ProposalBatcher.MAX_IN_FLIGHT).isEqualTo(2);
        try (ProposalBatcher b = batcher()) {
            CompletableFuture<byte[]> first = b.submit(add("a"));
            Proposal p1 = next();
            CompletableFuture<byte[]> second = b.submit(add("bb"));
            Proposal p2 = next();
            assertThat(p1.entries()).hasSize(1);
            assertThat(p2.entries()).hasSize(1);
            // two entries in flight: these wait, then leave together
            List<CompletableFuture<byte[]>> held = List.of(b.submit(add("ccc")), b.submit(add("dddd")), b.submit(add("eeeee")));
            assertThat(proposed.poll(300, TimeUnit.MILLISECONDS)).as("a third entry while two are in flight").isNull();
            assertThat(held).noneMatch(CompletableFuture::isDone);

            p2.commit();
            Proposal p3 = next();
            assertThat(p3.entries()).extracting(e -> new String(e.items().get(0).argv()[1], StandardCharsets.US_ASCII))
                    .containsExactly("ccc", "dddd", "eeeee");
            assertThat(reply(second)).isEqualTo(":2\r\n");
            assertThat(first).isNotDone();

            p1.commit();
            p3.commit();
            assertThat(reply(first)).isEqualTo(":1\r\n");
            assertThat(reply(held.get(0))).isEqualTo(":3\r\n");
            assertThat(reply(held.get(2))).isEqualTo(":5\r\n");
        }
    }

    @Test
    void aFailedEntryFailsItsWritesAndFreesItsPlace() throws Exception {
        try (ProposalBatcher b = batcher()) {
            CompletableFuture<byte[]> lost = b.submit(add("a"));
            Proposal p1 = next();
            b.submit(add("b"));
            next();
            CompletableFuture<byte[]> later = b.submit(add("ccc"));
            p1.reply().completeExceptionally(new IllegalStateException("not leader"));
            assertThatThrownBy(() -> lost.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("not leader");
            Proposal p3 = next();
            p3.commit();
            assertThat(reply(later)).isEqualTo(":3\r\n");
        }
    }

    @Test
    void closingFailsTheWritesWaitingForAPlace() throws Exception {
        CompletableFuture<byte[]> waiting;
        try (ProposalBatcher b = batcher()) {
            b.submit(add("a"));
            next();
            b.submit(add("b"));
            next();
            waiting = b.submit(add("c"));
            assertThat(proposed.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.CancellationException.class);
    }
}

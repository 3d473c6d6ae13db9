package io.stocktsdb.server.replication;

import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Raft settings of this node, from the server's configuration.
 *
 * @param raftDir            Ratis storage (log segments, snapshots), on the data directory's file system
 * @param electionTimeoutMs  lower bound of the election timeout; the upper bound is twice it
 * @param snapshotEntries    applied entries between snapshots
 * @param snapshotIntervalMs a snapshot at least this often while entries were applied
 * @param segmentBytes       Raft log segment size
 */
public record RaftSettings(Path raftDir, int electionTimeoutMs, long snapshotEntries, long snapshotIntervalMs, long segmentBytes) {
    static final long MIN_HOLD_MS = 4000;

    public static RaftSettings from(Settings s) {
        String dir = s.getString(ConfigFields.RAFT_DIR);
        Path raftDir = dir.isEmpty() ? Path.of(s.getString(ConfigFields.DATA_DIR)).resolve("raft") : Path.of(dir);
        return new RaftSettings(raftDir.toAbsolutePath(), s.getInt(ConfigFields.RAFT_ELECTION_TIMEOUT_MS),
                s.getLong(ConfigFields.RAFT_SNAPSHOT_ENTRIES), s.getLong(ConfigFields.RAFT_SNAPSHOT_INTERVAL_SEC) * 1000,
                s.getLong(ConfigFields.RAFT_LOG_SEGMENT_SIZE));
    }

    int electionTimeoutMaxMs() {
        return 2 * electionTimeoutMs;
    }

    /**
     * How long a request waits for a leader or for its commit before it is refused: two election
     * timeouts, at least {@value #MIN_HOLD_MS} ms (a commit on a busy machine can take seconds).
     */
    long holdMs() {
        return Math.max(MIN_HOLD_MS, 2L * electionTimeoutMaxMs());
    }

    RaftProperties properties(int raftPort) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        GrpcConfigKeys.Server.setPort(p, raftPort);
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(electionTimeoutMs, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(electionTimeoutMaxMs(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(holdMs(), TimeUnit.MILLISECONDS));
        // keyed reads on the leader: ReadIndex (a heartbeat round confirms leadership, then the read waits for apply)
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setTimeout(p, TimeDuration.valueOf(holdMs(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotEntries);
        RaftServerConfigKeys.Snapshot.setCreationGap(p, Math.min(snapshotEntries, 1024));
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, SnapshotStore.KEEP);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(snapshotEntries, 1024));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(segmentBytes));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(segmentBytes, 4L << 20)));
        return p;
    }
}

package io.stocktsdb.server.acl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AclLogTest {
    @Test
    void similarRefusalsAreGroupedNewestFirst() {
        AclLog log = new AclLog();
        log.add(AclVerdict.DENIED_KEY, "toplevel", "stock:1", "payments", "id=1", 128);
        log.add(AclVerdict.DENIED_COMMAND, "toplevel", "config|get", "payments", "id=1", 128);
        log.add(AclVerdict.DENIED_KEY, "toplevel", "stock:1", "payments", "id=2", 128);
        log.add(AclVerdict.DENIED_KEY, "multi", "stock:1", "payments", "id=2", 128);
        var entries = log.latest(10);
        assertThat(entries).extracting(AclLog.Entry::reason).containsExactly("key", "key", "command");
        assertThat(entries).extracting(AclLog.Entry::context).containsExactly("multi", "toplevel", "toplevel");
        assertThat(entries.get(1).count()).isEqualTo(2);
        assertThat(entries.get(1).clientInfo()).isEqualTo("id=2");
        assertThat(entries).extracting(AclLog.Entry::entryId).containsExactly(2L, 0L, 1L);
        assertThat(log.keyDenials()).isEqualTo(3);
        assertThat(log.commandDenials()).isEqualTo(1);
    }

    @Test
    void maxLengthTrimsAndZeroKeepsOnlyCounters() {
        AclLog log = new AclLog();
        for (int i = 0; i < 5; i++) log.add(AclVerdict.DENIED_AUTH, "toplevel", "AUTH", "u" + i, "", 3);
        assertThat(log.latest(10)).extracting(AclLog.Entry::username).containsExactly("u4", "u3", "u2");
        log.add(AclVerdict.DENIED_AUTH, "toplevel", "AUTH", "x", "", 0);
        assertThat(log.latest(10)).isEmpty();
        assertThat(log.authFailures()).isEqualTo(6);
    }
}

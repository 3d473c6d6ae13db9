package io.stocktsdb.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.ServerProcess;
import io.stocktsdb.it.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With requirepass set, a client that has not authenticated cannot make the server wait for a
 * big request (Redis's limits: 10 arguments, 16 KB per argument), and HTTP sent to the RESP port
 * is dropped and logged.
 */
class UnauthenticatedFloodIT {
    private static Path dir;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("stocktsdb-unauth");
        server = ServerProcess.start(dir.resolve("data"), dir.resolve("server.log"), "--requirepass", "s3cret");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        TestServer.deleteTree(dir);
    }

    @Test
    void aLongMultibulkHeaderIsRefusedBeforeAuthentication() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("*100\r\n");
            assertThat(c.readReply()).isEqualTo("-ERR Protocol error: unauthenticated multibulk length\r\n");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aBigBulkIsRefusedBeforeAuthenticationWithoutWaitingForIt() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("*1\r\n$100000000\r\n");
            assertThat(c.readReply()).isEqualTo("-ERR Protocol error: unauthenticated bulk length\r\n");
            assertThat(c.isClosedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(server.port())) {
            c.send("*2\r\n$4\r\nECHO\r\n$16384\r\n" + "x".repeat(16384) + "\r\n");
            assertThat(c.readReply()).isEqualTo("-NOAUTH Authentication required.\r\n");
        }
    }

    @Test
    void anAuthenticatedClientHasTheUsualLimits() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
            String big = "v".repeat(100_000);
            assertThat(c.call("SET", "big", big)).isEqualTo("+OK\r\n");
            assertThat(c.call("STRLEN", "big")).isEqualTo(":100000\r\n");
            assertThat(c.call("MSET", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "6")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void httpSentToTheRespPortIsDroppedAndLogged() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /api HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
            assertThat(c.isClosedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(server.port())) {
            c.send("Host: 127.0.0.1\r\n");
            assertThat(c.isClosedByServer()).isTrue();
        }
        assertThat(Files.readString(dir.resolve("server.log"))).contains("Possible SECURITY ATTACK detected");
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
        }
    }
}

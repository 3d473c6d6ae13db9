package io.stocktsdb.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** The TLS listener with certificates made in the test: redis-cli --tls, Jedis over TLS, client certificates. */
class TlsIT {
    @TempDir static Path dir;
    static TestCertificates certs;
    static TestServer server;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir);
        server = TestServer.start(ConfigFields.TLS_PORT, freePort(), ConfigFields.TLS_CERT_FILE, certs.serverCert,
                ConfigFields.TLS_KEY_FILE, certs.serverKey, ConfigFields.TLS_CA_CERT_FILE, certs.caCert,
                ConfigFields.REQUIREPASS, "tls-pass");
        System.out.println("TLS provider: " + (OpenSsl.isAvailable() ? "OpenSSL " + OpenSsl.versionString() : "JDK"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static String redisCli(String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "--tls", "-h", "127.0.0.1", "-p", String.valueOf(server.server().tlsPort()),
                "--cacert", certs.caCert.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void redisCliOverTlsWithAClientCertificate() throws Exception {
        String out = redisCli("--cert", certs.clientCert.toString(), "--key", certs.clientKey.toString(), "--user", "default",
                "--pass", "tls-pass", "--no-auth-warning", "SET", "stock:AAPL", "189.5");
        assertThat(out).isEqualTo("OK\n");
        assertThat(redisCli("--cert", certs.clientCert.toString(), "--key", certs.clientKey.toString(), "-a", "tls-pass",
                "--no-auth-warning", "GET", "stock:AAPL")).isEqualTo("189.5\n");
    }

    @Test
    void aClientWithoutCertificateIsRefusedWhenTlsAuthClientsIsYes() throws Exception {
        String out = redisCli("-a", "tls-pass", "--no-auth-warning", "PING");
        assertThat(out).doesNotContain("PONG");
    }

    @Test
    void jedisOverTls() throws Exception {
        SSLContext ctx = certs.clientContext(true);
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().ssl(true).sslSocketFactory(ctx.getSocketFactory())
                .password("tls-pass").build();
        try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", server.server().tlsPort()), config)) {
            assertThat(j.ping()).isEqualTo("PONG");
            assertThat(j.set("fx:EURUSD", "1.0842")).isEqualTo("OK");
            assertThat(j.get("fx:EURUSD")).isEqualTo("1.0842");
            StringBuilder big = new StringBuilder();
            for (int i = 0; i < 100_000; i++) big.append((char) ('a' + i % 26));
            j.set("big", big.toString()); // spans many TLS records
            assertThat(j.get("big")).isEqualTo(big.toString());
        }
        // the plain port keeps working beside the TLS one
        try (Jedis plain = new Jedis("127.0.0.1", server.port())) {
            plain.auth("tls-pass");
            assertThat(plain.get("fx:EURUSD")).isEqualTo("1.0842");
        }
    }

    @Test
    void tls12AndTls13AreBothAccepted() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (SSLSocket s = (SSLSocket) certs.clientContext(true).getSocketFactory().createSocket("127.0.0.1", server.server().tlsPort())) {
                s.setEnabledProtocols(new String[] {protocol});
                s.setSoTimeout(5000);
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readLine(s.getInputStream())).isEqualTo("-NOAUTH Authentication required.");
            }
        }
    }

    @Test
    void optionalClientCertificates() throws Exception {
        try (TestServer optional = TestServer.start(ConfigFields.TLS_PORT, freePort(), ConfigFields.TLS_CERT_FILE, certs.serverCert,
                ConfigFields.TLS_KEY_FILE, certs.serverKey, ConfigFields.TLS_CA_CERT_FILE, certs.caCert,
                ConfigFields.TLS_AUTH_CLIENTS, "optional")) {
            for (boolean withCert : new boolean[] {false, true}) {
                DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().ssl(true)
                        .sslSocketFactory(certs.clientContext(withCert).getSocketFactory()).build();
                try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", optional.server().tlsPort()), config)) {
                    assertThat(j.ping()).isEqualTo("PONG");
                }
            }
        }
    }

    @Test
    void tlsPortOpensMovesAndClosesAtRuntime() throws Exception {
        try (TestServer late = TestServer.start(ConfigFields.TLS_CERT_FILE, certs.serverCert, ConfigFields.TLS_KEY_FILE, certs.serverKey,
                ConfigFields.TLS_CA_CERT_FILE, certs.caCert);
             io.stocktsdb.it.RawClient c = new io.stocktsdb.it.RawClient(late.port())) {
            assertThat(late.server().tlsPort()).isZero();
            for (int round = 0; round < 2; round++) { // open, then move
                int port = freePort();
                assertThat(c.call("CONFIG", "SET", "tls-port", Integer.toString(port))).isEqualTo("+OK\r\n");
                DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().ssl(true)
                        .sslSocketFactory(certs.clientContext(true).getSocketFactory()).build();
                try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", port), config)) {
                    assertThat(j.ping()).isEqualTo("PONG");
                }
            }
            int before = late.server().tlsPort();
            try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
                assertThat(c.call("CONFIG", "SET", "tls-port", Integer.toString(busy.getLocalPort()))).isEqualTo(
                        "-ERR CONFIG SET failed (possibly related to argument 'tls-port') - Unable to listen on this port. Check server logs.\r\n");
            }
            assertThat(late.server().tlsPort()).isEqualTo(before);
            assertThat(c.call("CONFIG", "SET", "tls-port", "0")).isEqualTo("+OK\r\n");
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", before).close()).isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void misconfiguredTlsStopsStartUp() {
        assertThatThrownBy(() -> TestServer.start(ConfigFields.TLS_PORT, freePort(), ConfigFields.TLS_CERT_FILE, certs.serverCert,
                ConfigFields.TLS_KEY_FILE, certs.serverKey)).hasStackTraceContaining("tls_auth_clients yes needs tls_ca_cert_file");
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) if (b != '\r') sb.append((char) b);
        return sb.toString();
    }
}

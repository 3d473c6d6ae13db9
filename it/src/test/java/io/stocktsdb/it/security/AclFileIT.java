package io.stocktsdb.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.acl.Passwords;
import io.stocktsdb.server.config.ConfigFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aclfile setting: users loaded at start, ACL SAVE and ACL LOAD with Redis's file format. */
class AclFileIT {
    @TempDir Path dir;

    private static String hash(String p) { return Passwords.hash(p.getBytes(StandardCharsets.UTF_8)); }

    @Test
    @Covers({"acl|load", "acl|save", "acl|users"})
    void usersComeFromTheFileAndRoundTrip() throws Exception {
        Path file = dir.resolve("users.acl");
        Files.writeString(file, "user default on #" + hash("adm") + " ~* &* +@all\n"
                + "user payments on >pay ~payment:* +@read +@write -@dangerous\n"
                + "\n"
                + "user dashboard on >dash allkeys +@read\n");
        try (TestServer s = TestServer.start(ConfigFields.ACLFILE, file.toString(), ConfigFields.REQUIREPASS, "ignored");
             RawClient admin = new RawClient(s.port()); RawClient dash = new RawClient(s.port())) {
            assertThat(admin.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(admin.call("AUTH", "ignored")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(admin.call("AUTH", "adm")).isEqualTo("+OK\r\n");
            assertThat(dash.call("AUTH", "dashboard", "dash")).isEqualTo("+OK\r\n");
            assertThat(admin.call("ACL", "SETUSER", "ops", "on", ">ops", "+@admin")).isEqualTo("+OK\r\n");
            assertThat(admin.call("ACL", "SAVE")).isEqualTo("+OK\r\n");
            assertThat(Files.readString(file)).isEqualTo(
                    "user dashboard on sanitize-payload #" + hash("dash") + " ~* resetchannels -@all +@read\n"
                    + "user default on sanitize-payload #" + hash("adm") + " ~* &* +@all\n"
                    + "user ops on sanitize-payload #" + hash("ops") + " resetchannels -@all +@admin\n"
                    + "user payments on sanitize-payload #" + hash("pay") + " ~payment:* resetchannels -@all +@read +@write -@dangerous\n");

            // a broken file changes nothing and says why, without echoing secrets
            Files.writeString(file, "user default on nopass ~* &* +@all\nuser broken on >leaked #nothex\n");
            assertThat(admin.call("ACL", "LOAD")).isEqualTo("-ERR " + file + ":2: The password hash must be exactly 64 characters and "
                    + "contain only lowercase hexadecimal characters. WARNING: ACL errors detected, no change to the previously active "
                    + "ACL rules was performed\r\n");
            assertThat(admin.call("ACL", "USERS")).isEqualTo("*4\r\n$9\r\ndashboard\r\n$7\r\ndefault\r\n$3\r\nops\r\n$8\r\npayments\r\n");

            // dropping dashboard from the file disconnects its sessions on ACL LOAD
            Files.writeString(file, "user default on nopass ~* &* +@all\nuser payments on >pay2 ~payment:* +@read\n");
            assertThat(admin.call("ACL", "LOAD")).isEqualTo("+OK\r\n");
            assertThat(dash.isClosedByServer()).isTrue();
            assertThat(admin.call("ACL", "USERS")).isEqualTo("*2\r\n$7\r\ndefault\r\n$8\r\npayments\r\n");
            try (RawClient p = new RawClient(s.port())) {
                assertThat(p.call("AUTH", "payments", "pay")).startsWith("-WRONGPASS");
                assertThat(p.call("AUTH", "payments", "pay2")).isEqualTo("+OK\r\n");
            }
        }
    }

    @Test
    void aFileWithoutDefaultUserKeepsRedisDefaultWithRequirepass() throws Exception {
        Path file = dir.resolve("feeds.acl");
        Files.writeString(file, "user feed on >f ~stock:* +@write\n");
        try (TestServer s = TestServer.start(ConfigFields.ACLFILE, file.toString(), ConfigFields.REQUIREPASS, "adm");
             RawClient c = new RawClient(s.port())) {
            assertThat(c.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("AUTH", "adm")).isEqualTo("+OK\r\n");
            assertThat(c.call("ACL", "LIST")).isEqualTo("*2\r\n$110\r\nuser default on sanitize-payload #" + hash("adm")
                    + " ~* &* +@all\r\n$132\r\nuser feed on sanitize-payload #" + hash("f") + " ~stock:* resetchannels -@all +@write\r\n");
        }
    }

    @Test
    void aBrokenFileStopsStartUp() throws Exception {
        Path file = dir.resolve("bad.acl");
        Files.writeString(file, "user x on +nosuch\n");
        assertThatThrownBy(() -> TestServer.start(ConfigFields.ACLFILE, file.toString()))
                .hasStackTraceContaining("Error in applying operation '+nosuch': Unknown command or category name in ACL");
        assertThatThrownBy(() -> TestServer.start(ConfigFields.ACLFILE, dir.resolve("missing.acl").toString()))
                .hasStackTraceContaining("No such file or directory");
    }
}

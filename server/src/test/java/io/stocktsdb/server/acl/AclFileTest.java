package io.stocktsdb.server.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.server.command.CommandRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclFileTest {
    private final CommandRegistry registry = TestCommands.registry();
    @TempDir Path dir;

    @Test
    void savesAndLoadsTheSameUsers() throws Exception {
        Map<String, UserRules> users = new LinkedHashMap<>();
        users.put("dashboard", rules("on", ">d", "allkeys", "+@read"));
        users.put("default", UserRules.defaultUser(registry));
        users.put("payments", rules("on", ">p", "~payment:*", "+@read", "+@write", "(%R~fx:* +get)"));
        Path file = dir.resolve("users.acl");
        AclFile.save(file, users);
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("user dashboard on sanitize-payload #").contains("\nuser default on nopass sanitize-payload ~* &* +@all\n")
                .endsWith("resetchannels -@all +@read +@write (%R~fx:* resetchannels -@all +get)\n");
        AclFile.Parsed parsed = AclFile.load(file, "users.acl", registry);
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.users().keySet()).containsExactly("dashboard", "default", "payments");
        for (String name : users.keySet()) assertThat(parsed.users().get(name).describe()).isEqualTo(users.get(name).describe());
        try (var s = Files.list(dir)) {
            assertThat(s.count()).isEqualTo(1); // the temporary file was renamed away
        }
    }

    @Test
    void reportsEveryBadLineWithRedisWording() throws Exception {
        Path file = dir.resolve("bad.acl");
        Files.writeString(file, String.join("\n",
                "user alice on >secret1 +nosuch",
                "",
                "# a comment",
                "user bob on #zz >secret2 bogus",
                "user alice on",
                "user carol on (~a +get",
                "user"));
        AclFile.Parsed parsed = AclFile.load(file, "bad.acl", registry);
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.users()).isEmpty();
        assertThat(parsed.errors()).isEqualTo(
                "bad.acl:1: Error in applying operation '+nosuch': Unknown command or category name in ACL. "
                + "bad.acl:3 should start with user keyword followed by the username. "
                + "bad.acl:4: The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters. "
                + "WARNING: Duplicate user 'alice' found on line 5. "
                + "bad.acl:6: Unmatched parenthesis in selector definition."
                + "bad.acl:7 should start with user keyword followed by the username. "
                + AclFile.ERRORS_SUFFIX);
        assertThat(parsed.errors()).doesNotContain("secret");
    }

    @Test
    void missingFile() {
        AclFile.Parsed parsed = AclFile.load(dir.resolve("none.acl"), "none.acl", registry);
        assertThat(parsed.errors()).isEqualTo("Error loading ACLs, opening file 'none.acl': No such file or directory");
    }

    private UserRules rules(String... ops) throws AclRuleException {
        UserRules u = UserRules.newUser();
        for (String op : ops) u.apply(op, registry);
        return u;
    }
}

package io.stocktsdb.server.acl;

import static io.stocktsdb.server.acl.TestCommands.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UserRulesTest {
    private final CommandRegistry registry = TestCommands.registry();

    private UserRules user(String... ops) throws AclRuleException {
        UserRules u = UserRules.newUser();
        for (String op : ops) u.apply(op, registry);
        return u;
    }

    private int check(UserRules u, String... args) {
        RespRequest r = req(args);
        CommandSpec spec = registry.lookup(r);
        if (spec.isContainer()) spec = CommandRegistry.lookupSubcommand(spec, r);
        return u.check(spec, r);
    }

    @Test
    void newAndDefaultUsersAreDescribedAsRedisDoes() {
        assertThat(UserRules.newUser().describe()).isEqualTo("off sanitize-payload resetchannels -@all");
        assertThat(UserRules.defaultUser(registry).describe()).isEqualTo("on nopass sanitize-payload ~* &* +@all");
    }

    @Test
    void paymentsUserDescriptionKeepsRuleOrderAndHashesThePassword() throws Exception {
        UserRules u = user("on", ">pay-secret", "~payment:*", "+@read", "+@write");
        assertThat(u.describe()).isEqualTo("on sanitize-payload #" + Passwords.hash("pay-secret".getBytes(StandardCharsets.UTF_8))
                + " ~payment:* resetchannels -@all +@read +@write");
        assertThat(u.describe()).doesNotContain("pay-secret");
        assertThat(u.acceptsPassword("pay-secret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(u.acceptsPassword("wrong".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void sha256OfPasswordIsRedisHexForm() {
        // echo -n foobar | sha256sum
        assertThat(Passwords.hash("foobar".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2");
    }

    @Test
    void keyPatternsAndCategoriesDecide() throws Exception {
        UserRules u = user("on", "nopass", "~payment:*", "+@read", "+@write");
        assertThat(check(u, "get", "payment:1")).isEqualTo(AclVerdict.ALLOWED);
        assertThat(check(u, "set", "payment:1", "v")).isEqualTo(AclVerdict.ALLOWED);
        assertThat(check(u, "get", "stock:1")).isEqualTo(AclVerdict.deniedKey(1));
        assertThat(check(u, "mset", "payment:1", "a", "stock:2", "b")).isEqualTo(AclVerdict.deniedKey(3));
        assertThat(check(u, "config", "get", "x")).isEqualTo(AclVerdict.DENIED_COMMAND);
        assertThat(check(u, "auth", "p")).isEqualTo(AclVerdict.ALLOWED); // no-auth commands skip the command bit
    }

    @Test
    void readOnlyDashboardUser() throws Exception {
        UserRules u = user("on", ">dash", "allkeys", "+@read");
        assertThat(check(u, "ts.range", "stock:AAPL", "-", "+")).isEqualTo(AclVerdict.ALLOWED);
        assertThat(check(u, "ts.mget", "FILTER", "a=b")).isEqualTo(AclVerdict.ALLOWED);
        assertThat(check(u, "ts.add", "stock:AAPL", "1", "2")).isEqualTo(AclVerdict.DENIED_COMMAND);
        assertThat(check(u, "del", "stock:AAPL")).isEqualTo(AclVerdict.DENIED_COMMAND);
    }

    @Test
    void readAndWritePatternsSplitAccess() throws Exception {
        UserRules u = user("on", "nopass", "+@all", "%R~r:*", "%W~w:*");
        assertThat(u.describe()).isEqualTo("on nopass sanitize-payload %R~r:* %W~w:* resetchannels +@all");
        assertThat(check(u, "get", "r:1")).isEqualTo(AclVerdict.ALLOWED);
        assertThat(check(u, "get", "w:1")).isEqualTo(AclVerdict.deniedKey(1));
        assertThat(check(u, "set", "w:1", "v")).isEqualTo(AclVerdict.ALLOWED);
        assertThat(check(u, "set", "r:1", "v")).isEqualTo(AclVerdict.deniedKey(1));
        assertThat(check(u, "incr", "w:1")).isEqualTo(AclVerdict.deniedKey(1)); // reads and writes
        assertThat(check(u, "exists", "w:1", "r:2")).isEqualTo(AclVerdict.ALLOWED); // no access needed, only a match
        assertThat(check(u, "exists", "x:1")).isEqualTo(AclVerdict.deniedKey(1));
        u.apply("%RW~w:*", registry);
        assertThat(u.describe()).isEqualTo("on nopass sanitize-payload %R~r:* ~w:* resetchannels +@all");
    }

    @Test
    void commandRulesKeepOrderAndReplaceOlderOnes() throws Exception {
        UserRules u = user("+@all", "-config", "+config|get", "-get", "+get");
        assertThat(u.rootCommands()).isEqualTo("+@all -config +config|get +get");
        u.apply("-config", registry);
        assertThat(u.rootCommands()).isEqualTo("+@all +get -config");
        assertThat(check(u.copy(), "config", "get", "x")).isEqualTo(AclVerdict.DENIED_COMMAND);
        u.apply("nocommands", registry);
        assertThat(u.rootCommands()).isEqualTo("-@all");
        u.apply("+GET", registry);
        assertThat(u.rootCommands()).isEqualTo("-@all +get");
    }

    @Test
    void containerRulesCoverSubcommands() throws Exception {
        UserRules u = user("on", "nopass", "allkeys", "+config", "-config|set");
        assertThat(check(u, "config", "get", "x")).isEqualTo(AclVerdict.ALLOWED);
        assertThat(check(u, "config", "set", "x", "y")).isEqualTo(AclVerdict.DENIED_COMMAND);
        assertThat(u.rootCommands()).isEqualTo("-@all +config -config|set");
    }

    @Test
    void firstArgumentRule() throws Exception {
        UserRules u = user("on", "nopass", "-select", "+select|0");
        assertThat(check(u, "select", "0")).isEqualTo(AclVerdict.ALLOWED);
        assertThat(check(u, "select", "1")).isEqualTo(AclVerdict.DENIED_COMMAND);
        assertThat(u.rootCommands()).isEqualTo("-@all -select +select|0");
    }

    @Test
    void errorsUseRedisReasons() {
        assertRule("+nosuch", AclRuleError.UNKNOWN_COMMAND_OR_CATEGORY);
        assertRule("+@nosuch", AclRuleError.UNKNOWN_COMMAND_OR_CATEGORY);
        assertRule("-select|0", AclRuleError.UNKNOWN_COMMAND_OR_CATEGORY);
        assertRule("+config|get|x", AclRuleError.FIRST_ARG_OF_SUBCOMMAND);
        assertRule("+select|", AclRuleError.SYNTAX);
        assertRule("+select|a b", AclRuleError.SYNTAX); // fuzzing found: ACL LIST could not be loaded back
        assertRule("bogus", AclRuleError.SYNTAX);
        assertRule("%X~a", AclRuleError.SYNTAX);
        assertRule("%RR~a", AclRuleError.SYNTAX);
        assertRule("#abc", AclRuleError.BAD_HASH);
        assertRule("#" + "A".repeat(64), AclRuleError.BAD_HASH);
        assertRule("<never-set", AclRuleError.NO_SUCH_PASSWORD);
        assertThatThrownBy(() -> user("allkeys", "~x")).isInstanceOfSatisfying(AclRuleException.class,
                e -> assertThat(e.error()).isEqualTo(AclRuleError.KEY_PATTERN_AFTER_ALLKEYS));
        assertThatThrownBy(() -> user("allchannels", "&x")).isInstanceOfSatisfying(AclRuleException.class,
                e -> assertThat(e.error()).isEqualTo(AclRuleError.CHANNEL_PATTERN_AFTER_ALLCHANNELS));
    }

    private void assertRule(String op, AclRuleError expected) {
        assertThatThrownBy(() -> user(op)).isInstanceOfSatisfying(AclRuleException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }

    /** Regression for the AclRulesFuzzTest finding: a first argument with whitespace broke ACL SAVE/LOAD. */
    @Test
    void describedRulesLoadBack() throws Exception {
        UserRules u = user("on", ">p w", "~a:*", "%R~b", "+set|tse", "-@all", "+set|x", "+@read", "-get", "nopass", "resetpass");
        assertThatThrownBy(() -> u.apply("+set|tse+\"\"\n\u06fb )", registry)).isInstanceOf(AclRuleException.class);
        UserRules reloaded = UserRules.newUser();
        for (String op : u.describe().split(" ")) reloaded.apply(op, registry);
        assertThat(reloaded.describe()).isEqualTo(u.describe()).isEqualTo("on sanitize-payload ~a:* %R~b resetchannels -@all +set|x +@read -get");
    }

    /** The AclRulesFuzzTest finding kept as Redis behaves: %RW~* is written ~*, which loads back as allkeys. */
    @Test
    void readWriteStarPatternIsWrittenAsAllKeys() throws Exception {
        UserRules u = user("~a", "%RW~*");
        assertThat(u.rootKeys()).isEqualTo("~a ~*");
        UserRules reloaded = user(u.describe().split(" "));
        assertThat(reloaded.rootKeys()).isEqualTo("~*");
        assertThat(reloaded.grantsKey("zzz".getBytes(StandardCharsets.UTF_8), CommandSpec.KEY_WRITE)).isTrue();
        assertThat(u.grantsKey("zzz".getBytes(StandardCharsets.UTF_8), CommandSpec.KEY_WRITE)).isTrue();
    }

    @Test
    void passwordsAddRemoveAndReset() throws Exception {
        String h = Passwords.hash("p1".getBytes(StandardCharsets.UTF_8));
        UserRules u = user("on", ">p1", ">p1", "#" + h, ">p2");
        assertThat(u.passwordHashes()).containsExactly(h, Passwords.hash("p2".getBytes(StandardCharsets.UTF_8)));
        u.apply("<p1", registry);
        assertThat(u.acceptsPassword("p1".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(u.acceptsPassword("p2".getBytes(StandardCharsets.UTF_8))).isTrue();
        u.apply("nopass", registry);
        assertThat(u.passwordHashes()).isEmpty();
        assertThat(u.acceptsPassword("anything".getBytes(StandardCharsets.UTF_8))).isTrue();
        u.apply("off", registry);
        assertThat(u.acceptsPassword("anything".getBytes(StandardCharsets.UTF_8))).isFalse();
        u.apply("resetpass", registry);
        u.apply("on", registry);
        assertThat(u.acceptsPassword("anything".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void resetReturnsToANewUser() throws Exception {
        UserRules u = user("on", ">x", "~a", "&c", "+@all", "(~b +get)");
        u.apply("reset", registry);
        assertThat(u.describe()).isEqualTo(UserRules.newUser().describe());
    }

    @Test
    void selectorsGrantAlternatives() throws Exception {
        UserRules u = user("on", "nopass", "~app:*", "+@read", "(~cache:* +set)");
        assertThat(u.describe()).isEqualTo("on nopass sanitize-payload ~app:* resetchannels -@all +@read (~cache:* resetchannels -@all +set)");
        assertThat(check(u, "get", "app:1")).isEqualTo(AclVerdict.ALLOWED);
        assertThat(check(u, "set", "cache:1", "v")).isEqualTo(AclVerdict.ALLOWED);
        // the key refusal from the selector that allowed the command beats the command refusal
        assertThat(check(u, "set", "app:1", "v")).isEqualTo(AclVerdict.deniedKey(1));
        assertThat(check(u, "get", "cache:1")).isEqualTo(AclVerdict.deniedKey(1));
        u.apply("clearselectors", registry);
        assertThat(check(u, "set", "cache:1", "v")).isEqualTo(AclVerdict.DENIED_COMMAND);
    }

    @Test
    void keyGrantForMultiKeyReadsAcrossSelectors() throws Exception {
        UserRules u = user("on", "nopass", "%R~stock:*", "(%R~fx:* +get)");
        assertThat(u.grantsKey("stock:A".getBytes(StandardCharsets.UTF_8), CommandSpec.KEY_READ)).isTrue();
        assertThat(u.grantsKey("fx:EUR".getBytes(StandardCharsets.UTF_8), CommandSpec.KEY_READ)).isTrue();
        assertThat(u.grantsKey("stock:A".getBytes(StandardCharsets.UTF_8), CommandSpec.KEY_WRITE)).isFalse();
        assertThat(u.grantsKey("payment:1".getBytes(StandardCharsets.UTF_8), CommandSpec.KEY_READ)).isFalse();
    }

    @Test
    void unrestrictedOnlyForTheAllowEverythingShape() throws Exception {
        assertThat(UserRules.defaultUser(registry).unrestricted()).isTrue();
        assertThat(user("on", "+@all", "~*").unrestricted()).isFalse(); // no channels
        assertThat(user("on", "+@all", "~*", "&*", "-get").unrestricted()).isFalse();
    }
}

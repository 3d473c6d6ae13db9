package io.stocktsdb.server.commanddocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.boot.Commands;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.commanddocs.CommandArg.ArgFlag;
import io.stocktsdb.server.commanddocs.CommandArg.ArgType;
import io.stocktsdb.server.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandDocsTest {

    private static ServerContext registered() {
        ServerContext context = new ServerContext(Settings.defaults());
        Commands.registerAll(context); // attaches commands.json and fails on any gap
        return context;
    }

    @Test
    void everyRegisteredCommandIsDescribed() {
        CommandRegistry r = registered().registry();
        for (CommandSpec s : r.allWithSubcommands()) {
            assertThat(s.doc()).as(s.name()).isNotSameAs(CommandDoc.NONE);
            assertThat(s.doc().keySpecs().isEmpty()).as(s.name() + " key specs vs first key").isEqualTo(s.firstKey() == 0);
        }
        assertThat(r.get("tsdb_set").doc().arguments()).extracting(CommandArg::name)
                .containsExactly("key", "timestamp", "value", "type", "quality");
    }

    @Test
    void aCommandWithoutDocsStopsTheStart() {
        CommandRegistry r = registered().registry();
        Map<String, CommandDoc> docs = new HashMap<>(CommandDocsLoader.load());
        docs.remove("hash_set");
        docs.put("nosuch", CommandDoc.NONE);
        assertThatThrownBy(() -> r.attachDocs(docs)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("undescribed [hash_set]").hasMessageContaining("not registered [nosuch]");
    }

    @Test
    void historyAsRedisDocumentsIt() throws Exception {
        CommandRegistry r = registered().registry();
        assertThat(r.get("set").doc().history()).containsExactly(
                new CommandDoc.HistoryEntry("2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options."),
                new CommandDoc.HistoryEntry("6.0.0", "Added the `KEEPTTL` option."),
                new CommandDoc.HistoryEntry("6.2.0", "Added the `GET`, `EXAT` and `PXAT` option."),
                new CommandDoc.HistoryEntry("7.0.0", "Allowed the `NX` and `GET` options to be used together."));
        assertThat(r.get("client|kill").doc().history()).hasSize(6).last()
                .isEqualTo(new CommandDoc.HistoryEntry("7.4.0", "`MAXAGE` option."));
        // commands without history in Redis: plain ones, RedisTimeSeries' and ours
        for (String name : List.of("get", "ts.add", "tsdb_set", "kline.create")) assertThat(r.get(name).doc().history()).as(name).isEmpty();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThatThrownBy(() -> CommandDocsLoader.history(json.readTree("[\"Added it.\"]"))).hasMessageContaining("VERSION change");
        assertThatThrownBy(() -> CommandDocsLoader.history(json.readTree("[\"7.0.0\"]"))).hasMessageContaining("VERSION change");
        assertThatThrownBy(() -> CommandDocsLoader.history(json.readTree("\"7.0.0 x\""))).hasMessageContaining("must be an array");
    }

    @Test
    void argumentNotation() {
        List<CommandArg> args = ArgSyntax.parse("key:key cond:oneof[nx=NX xx=XX]^7.0.0? other:key@0 data:block=LABELS[l:string v:double]*?");
        assertThat(args).hasSize(4);
        assertThat(args.get(0)).isEqualTo(new CommandArg("key", ArgType.KEY, "key", 0, null, null, java.util.EnumSet.noneOf(ArgFlag.class), List.of()));
        CommandArg cond = args.get(1);
        assertThat(cond.type()).isEqualTo(ArgType.ONEOF);
        assertThat(cond.displayText()).isNull();
        assertThat(cond.since()).isEqualTo("7.0.0");
        assertThat(cond.flags()).containsExactly(ArgFlag.OPTIONAL);
        assertThat(cond.children().get(1)).isEqualTo(new CommandArg("xx", ArgType.PURE_TOKEN, "xx", -1, "XX", null,
                java.util.EnumSet.noneOf(ArgFlag.class), List.of()));
        assertThat(args.get(2).keySpecIndex()).isZero();
        assertThat(args.get(3).token()).isEqualTo("LABELS");
        assertThat(args.get(3).flags()).containsExactly(ArgFlag.OPTIONAL, ArgFlag.MULTIPLE);
        assertThatThrownBy(() -> ArgSyntax.parse("a:oneof")).hasMessageContaining("needs [children]");
        assertThatThrownBy(() -> ArgSyntax.parse("a:block[b:string")).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> ArgSyntax.parse("a")).hasMessageContaining("needs a type or a token");
        assertThatThrownBy(() -> CommandDocsLoader.expand("$nosuch", Map.of())).hasMessageContaining("unknown fragment $nosuch");
    }

    @Test
    void keySpecsFindKeysAsRedis() {
        KeySpec madd = CommandDocsLoader.keySpec("RW update @1 range:-1:3:0");
        assertThat(positions(madd, "ts.madd", "a", "1", "2", "b", "1", "2")).containsExactly(1, 4);
        KeySpec one = CommandDocsLoader.keySpec("RO access @2 range:0:1:0");
        assertThat(positions(one, "object", "encoding", "k")).containsExactly(2);
        assertThat(one.collect(argv("object", "encoding"), new ArrayList<>())).isFalse();
        KeySpec numkeys = CommandDocsLoader.keySpec("RO access @1 keynum:0:1:1");
        assertThat(positions(numkeys, "x", "2", "a", "b", "c")).containsExactly(2, 3);
        KeySpec keyword = CommandDocsLoader.keySpec("RO @keyword:STREAMS:1 range:-1:1:2");
        assertThat(positions(keyword, "xread", "COUNT", "1", "STREAMS", "s1", "s2", "0", "0")).containsExactly(4, 5);
        assertThat(positions(keyword, "xread", "COUNT", "1")).isEmpty();
        assertThat(madd.flags()).containsExactly(KeySpec.KeyFlag.RW, KeySpec.KeyFlag.UPDATE);
    }

    private static List<Integer> positions(KeySpec spec, String... args) {
        List<KeySpec.KeyRef> out = new ArrayList<>();
        assertThat(spec.collect(argv(args), out)).isTrue();
        return out.stream().map(KeySpec.KeyRef::position).toList();
    }

    private static List<byte[]> argv(String... args) {
        List<byte[]> out = new ArrayList<>();
        for (String a : args) out.add(a.getBytes(StandardCharsets.UTF_8));
        return out;
    }
}

package io.stocktsdb.server.command.server;

import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.commanddocs.CommandArg;
import io.stocktsdb.server.commanddocs.CommandDoc;
import io.stocktsdb.server.commanddocs.KeySpec;
import java.util.List;
import java.util.Set;

/** The COMMAND DOCS entry and COMMAND INFO key specs of a command, in Redis 8.2's field order. */
final class CommandDocsReply {
    /** Commands of this group are the RedisTimeSeries module's: Redis reports group "module" and the module's name. */
    private static final String MODULE_GROUP = "timeseries";

    private CommandDocsReply() {}

    static void writeDocs(RespWriter out, CommandSpec s) {
        CommandDoc d = s.doc();
        boolean module = MODULE_GROUP.equals(s.group());
        int fields = 3 + (d.complexity() != null ? 1 : 0) + (module ? 1 : 0) + (d.arguments().isEmpty() ? 0 : 1)
                + (s.isContainer() ? 1 : 0) + (d.docFlags().isEmpty() ? 0 : 1) + (d.deprecation() != null ? 2 : 0)
                + (d.history().isEmpty() ? 0 : 1);
        out.mapHeader(fields);
        out.bulk("summary");
        out.bulk(s.summary());
        out.bulk("since");
        out.bulk(s.since());
        out.bulk("group");
        out.bulk(module ? "module" : s.group());
        if (d.complexity() != null) {
            out.bulk("complexity");
            out.bulk(d.complexity());
        }
        if (module) {
            out.bulk("module");
            out.bulk(MODULE_GROUP);
        }
        if (!d.docFlags().isEmpty()) {
            out.bulk("doc_flags");
            out.setHeader(d.docFlags().size());
            for (String f : d.docFlags()) out.simpleString(f);
        }
        if (d.deprecation() != null) {
            out.bulk("deprecated_since");
            out.bulk(d.deprecation().since());
            out.bulk("replaced_by");
            out.bulk(d.deprecation().replacedBy());
        }
        if (!d.history().isEmpty()) {
            out.bulk("history");
            writeHistory(out, d.history());
        }
        if (!d.arguments().isEmpty()) {
            out.bulk("arguments");
            writeArgs(out, d.arguments());
        }
        if (s.isContainer()) {
            out.bulk("subcommands");
            out.mapHeader(s.subcommands().size());
            for (CommandSpec sub : s.subcommands().values()) {
                out.bulk(sub.name());
                writeDocs(out, sub);
            }
        }
    }

    /** As Redis's addReplyCommandHistory: a set (RESP3) of [version, change] pairs. */
    private static void writeHistory(RespWriter out, List<CommandDoc.HistoryEntry> history) {
        out.setHeader(history.size());
        for (CommandDoc.HistoryEntry h : history) {
            out.arrayHeader(2);
            out.bulk(h.version());
            out.bulk(h.change());
        }
    }

    private static void writeArgs(RespWriter out, List<CommandArg> args) {
        out.arrayHeader(args.size());
        for (CommandArg a : args) {
            int fields = 2 + (a.displayText() != null ? 1 : 0) + (a.keySpecIndex() >= 0 ? 1 : 0) + (a.token() != null ? 1 : 0)
                    + (a.since() != null ? 1 : 0) + (a.flags().isEmpty() ? 0 : 1) + (a.type().hasChildren() ? 1 : 0);
            out.mapHeader(fields);
            out.bulk("name");
            out.bulk(a.name());
            out.bulk("type");
            out.bulk(a.type().wireName());
            if (a.displayText() != null) {
                out.bulk("display_text");
                out.bulk(a.displayText());
            }
            if (a.keySpecIndex() >= 0) {
                out.bulk("key_spec_index");
                out.integer(a.keySpecIndex());
            }
            if (a.token() != null) {
                out.bulk("token");
                out.bulk(a.token());
            }
            if (a.since() != null) {
                out.bulk("since");
                out.bulk(a.since());
            }
            if (!a.flags().isEmpty()) {
                out.bulk("flags");
                out.setHeader(a.flags().size());
                for (CommandArg.ArgFlag f : a.flags()) out.simpleString(f.wireName());
            }
            if (a.type().hasChildren()) {
                out.bulk("arguments");
                writeArgs(out, a.children());
            }
        }
    }

    /** COMMAND INFO's 9th element. */
    static void writeKeySpecs(RespWriter out, List<KeySpec> specs) {
        out.arrayHeader(specs.size());
        for (KeySpec k : specs) {
            out.mapHeader(3);
            out.bulk("flags");
            writeKeyFlags(out, k.flags());
            out.bulk("begin_search");
            out.mapHeader(2);
            out.bulk("type");
            if (k.byKeyword()) {
                out.bulk("keyword");
                out.bulk("spec");
                out.mapHeader(2);
                out.bulk("keyword");
                out.bulk(k.keyword());
                out.bulk("startfrom");
                out.integer(k.keywordStart());
            } else {
                out.bulk("index");
                out.bulk("spec");
                out.mapHeader(1);
                out.bulk("index");
                out.integer(k.beginIndex());
            }
            out.bulk("find_keys");
            out.mapHeader(2);
            out.bulk("type");
            out.bulk(k.keynum() ? "keynum" : "range");
            out.bulk("spec");
            out.mapHeader(3);
            out.bulk(k.keynum() ? "keynumidx" : "lastkey");
            out.integer(k.lastKeyOrKeynumIdx());
            out.bulk(k.keynum() ? "firstkey" : "keystep");
            out.integer(k.stepOrFirstKey());
            out.bulk(k.keynum() ? "keystep" : "limit");
            out.integer(k.limitOrKeyStep());
        }
    }

    static void writeKeyFlags(RespWriter out, Set<KeySpec.KeyFlag> flags) {
        out.setHeader(flags.size());
        for (KeySpec.KeyFlag f : flags) out.simpleString(f.wireName());
    }
}

package io.stocktsdb.server.command;

import io.stocktsdb.server.commanddocs.KeySpec;
import io.stocktsdb.server.commanddocs.KeySpec.KeyFlag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The keys a request names, found by its command's key specs as Redis does (shard channels are not keys). */
public final class CommandKeys {
    private CommandKeys() {}

    /** The keys with their flags, or null when the arguments do not fit a key spec. */
    public static List<KeySpec.KeyRef> find(CommandSpec s, List<byte[]> argv) {
        List<KeySpec.KeyRef> keys = new ArrayList<>();
        for (KeySpec spec : s.doc().keySpecs()) {
            if (spec.flags().contains(KeyFlag.NOT_KEY)) continue;
            if (!spec.collect(argv, keys)) return null;
        }
        if (s.name().equals("set") && !keys.isEmpty()) keys.set(0, new KeySpec.KeyRef(keys.get(0).position(), setFlags(argv)));
        return keys;
    }

    /** SET's key spec has variable flags: with GET it reads the old value, otherwise it only overwrites. */
    private static Set<KeyFlag> setFlags(List<byte[]> argv) {
        for (int i = 3; i < argv.size(); i++) {
            if (new String(argv.get(i), StandardCharsets.UTF_8).equalsIgnoreCase("GET")) {
                return EnumSet.of(KeyFlag.RW, KeyFlag.ACCESS, KeyFlag.UPDATE);
            }
        }
        return EnumSet.of(KeyFlag.OW, KeyFlag.UPDATE);
    }
}

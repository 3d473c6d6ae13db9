package io.stocktsdb.server.acl;

import java.util.Collection;

/** The registered commands as the ACL rules see them (implemented by the command registry). */
public interface AclCommandTable {
    /** How many ACL ids are assigned (commands plus subcommands). */
    int aclIdCount();

    /** The command or {@code container|sub} subcommand of that name (any case), or null. */
    AclCommand get(String name);

    /** Every top-level command. */
    Collection<? extends AclCommand> all();

    /** Whether {@code name} (any case) is an ACL category. */
    boolean isCategory(String name);
}

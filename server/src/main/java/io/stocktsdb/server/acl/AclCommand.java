package io.stocktsdb.server.acl;

import java.util.Map;

/**
 * What the ACL rules need to know of a command: its ACL id, categories and key positions. The
 * command table's specs implement it, so the rules never depend on handlers or connections.
 */
public interface AclCommand {
    /** The command reads its keys' values. */
    int KEY_READ = 1;
    /** The command inserts, updates or deletes its keys. */
    int KEY_WRITE = 2;

    /** Lower-case name; a subcommand's is {@code container|sub}. */
    String name();

    /** Index of the command's bit in a selector's command set. */
    int aclId();

    /** Whether the command belongs to the ACL category named {@code category} (wire name, any case). */
    boolean inCategory(String category);

    /** Commands a connection may run before authenticating (AUTH, HELLO...) are never refused by the rules. */
    boolean allowedWithoutAuth();

    /** Position of the first key argument, 0 when the command takes no keys. */
    int firstKey();

    /** Position of the last key argument; negative counts from the end. */
    int lastKey();

    /** Distance between key arguments. */
    int step();

    /** {@link #KEY_READ} and/or {@link #KEY_WRITE}. */
    int keyAccess();

    /** The container of a subcommand, else null. */
    AclCommand parent();

    /** Subcommands by lower-case name (the part after '|'). */
    Map<String, ? extends AclCommand> subcommands();
}

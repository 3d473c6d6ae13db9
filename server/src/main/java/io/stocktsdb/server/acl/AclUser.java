package io.stocktsdb.server.acl;

/**
 * A named user that connections authenticate as. Its rules are an immutable snapshot replaced
 * whole by ACL SETUSER / ACL LOAD, so a change applies to every connection of the user at its
 * next command, as in Redis.
 */
public final class AclUser {
    private final String name;
    private volatile UserRules rules;

    public AclUser(String name, UserRules rules) {
        this.name = name;
        this.rules = rules;
    }

    /** The name as a byte string held in ISO-8859-1 text. */
    public String name() { return name; }

    public UserRules rules() { return rules; }

    /** Replaces the rules whole; connections of the user see them at their next command. */
    public void publish(UserRules newRules) { this.rules = newRules; }
}

package io.stocktsdb.server.acl;

/** Why an ACL rule was refused, with Redis's wording (ACLSetUserStringError). */
public enum AclRuleError {
    UNKNOWN_COMMAND_OR_CATEGORY("Unknown command or category name in ACL"),
    SYNTAX("Syntax error"),
    KEY_PATTERN_AFTER_ALLKEYS("Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any "
            + "effect. Try 'resetkeys' to start with an empty list of patterns"),
    CHANNEL_PATTERN_AFTER_ALLCHANNELS("Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does "
            + "not have any effect. Try 'resetchannels' to start with an empty list of channels"),
    NO_SUCH_PASSWORD("The password you are trying to remove from the user does not exist"),
    BAD_HASH("The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters"),
    FIRST_ARG_OF_SUBCOMMAND("Allowing first-arg of a subcommand is not supported");

    private final String message;

    AclRuleError(String message) { this.message = message; }

    public String message() { return message; }
}

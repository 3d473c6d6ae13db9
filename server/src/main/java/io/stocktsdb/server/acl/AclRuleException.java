package io.stocktsdb.server.acl;

/** A rule of ACL SETUSER or of the ACL file that cannot be applied. */
public final class AclRuleException extends Exception {
    private static final long serialVersionUID = 1L;
    private final AclRuleError error;

    public AclRuleException(AclRuleError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public AclRuleError error() { return error; }
}

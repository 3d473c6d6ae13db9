package io.stocktsdb.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import org.junit.jupiter.api.Test;

/** ACL HELP lists the subcommands as Redis does. */
class AclHelpReplyIT {
    @Test
    @Covers({"acl", "acl|help"})
    void aclHelpListsSubcommands() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            String help = c.call("ACL", "HELP");
            assertThat(help).startsWith("*").contains("+ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n")
                    .contains("+SETUSER <username> <attribute> [<attribute> ...]\r\n").contains("+HELP\r\n");
        }
    }
}

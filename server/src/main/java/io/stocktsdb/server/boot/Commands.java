package io.stocktsdb.server.boot;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.acl.AclCommands;
import io.stocktsdb.server.command.cluster.ClusterCommands;
import io.stocktsdb.server.command.connection.ClientCommands;
import io.stocktsdb.server.command.connection.ConnectionCommands;
import io.stocktsdb.server.command.keys.BitCommands;
import io.stocktsdb.server.command.keys.DumpRestoreCommands;
import io.stocktsdb.server.command.keys.ExpireCommands;
import io.stocktsdb.server.command.keys.KeyCommands;
import io.stocktsdb.server.command.keys.KeyCopyCommands;
import io.stocktsdb.server.command.keys.LcsCommand;
import io.stocktsdb.server.command.keys.ObjectCommand;
import io.stocktsdb.server.command.keys.StringEditCommands;
import io.stocktsdb.server.command.keys.StringCommands;
import io.stocktsdb.server.command.seed.BatchCommands;
import io.stocktsdb.server.command.seed.HashPointCommands;
import io.stocktsdb.server.command.seed.PointCommands;
import io.stocktsdb.server.command.server.BackupCommand;
import io.stocktsdb.server.command.server.CommandCommands;
import io.stocktsdb.server.command.server.ConfigCommands;
import io.stocktsdb.server.command.server.CoreInfoSections;
import io.stocktsdb.server.command.server.DebugCommand;
import io.stocktsdb.server.command.server.SaveCommands;
import io.stocktsdb.server.command.ts.RefreshClusterCommand;
import io.stocktsdb.server.command.server.ServerCommands;
import io.stocktsdb.server.command.server.TransactionCommands;
import io.stocktsdb.server.command.ts.TsCommands;

/** The one registration list: every command family of the server. */
public final class Commands {
    private Commands() {}

    public static void registerAll(ServerContext server) {
        CommandRegistry r = server.registry();
        new ConnectionCommands(server).register(r);
        new ClientCommands(server).register(r);
        new io.stocktsdb.server.command.pubsub.PubSubCommands(server).register(r);
        new ServerCommands(server).register(r);
        new ConfigCommands(server).register(r);
        new CommandCommands(server).register(r);
        new io.stocktsdb.server.command.server.MonitorCommand(server).register(r);
        new TransactionCommands(server).register(r);
        new AclCommands(server).register(r);
        new KeyCommands(server).register(r);
        new StringCommands(server).register(r);
        new ExpireCommands(server).register(r);
        new StringEditCommands(server).register(r);
        new BitCommands(server).register(r);
        new LcsCommand(server).register(r);
        new KeyCopyCommands(server).register(r);
        new ObjectCommand(server).register(r);
        new DumpRestoreCommands(server).register(r);
        new PointCommands(server).register(r);
        new HashPointCommands(server).register(r);
        new BatchCommands(server).register(r);
        new TsCommands(server).register(r);
        new ClusterCommands(server).register(r);
        new BackupCommand(server).register(r);
        new SaveCommands(server).register(r);
        new DebugCommand(server).register(r);
        new RefreshClusterCommand().register(r);
        server.info().register(r);
        CoreInfoSections.registerAll(server.info(), server);
        r.attachDocs(io.stocktsdb.server.commanddocs.CommandDocsLoader.load());
    }
}

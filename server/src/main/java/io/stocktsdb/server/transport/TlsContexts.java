package io.stocktsdb.server.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.stocktsdb.server.config.ConfigException;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.io.File;
import javax.net.ssl.SSLException;

/**
 * The TLS listener's context from tls-cert-file, tls-key-file, tls-ca-cert-file,
 * tls-auth-clients and tls-protocols: BoringSSL through netty-tcnative when it loads on this
 * platform, the JDK's provider otherwise.
 */
public final class TlsContexts {
    private TlsContexts() {}

    /** "OpenSSL" when the native provider loaded, else "JDK". */
    public static String providerName() { return OpenSsl.isAvailable() ? "OpenSSL" : "JDK"; }

    public static SslContext server(Settings s) {
        String cert = s.getString(ConfigFields.TLS_CERT_FILE);
        String key = s.getString(ConfigFields.TLS_KEY_FILE);
        String ca = s.getString(ConfigFields.TLS_CA_CERT_FILE);
        String auth = s.getString(ConfigFields.TLS_AUTH_CLIENTS);
        if (cert.isEmpty() || key.isEmpty()) throw new ConfigException("tls_port needs tls_cert_file and tls_key_file");
        if (!auth.equals("no") && ca.isEmpty()) {
            throw new ConfigException("tls_auth_clients " + auth + " needs tls_ca_cert_file to verify client certificates");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(new File(cert), new File(key))
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .protocols(s.getString(ConfigFields.TLS_PROTOCOLS).trim().split("\\s+"))
                    .clientAuth(auth.equals("yes") ? ClientAuth.REQUIRE : auth.equals("optional") ? ClientAuth.OPTIONAL : ClientAuth.NONE);
            if (!ca.isEmpty()) b.trustManager(new File(ca));
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("cannot set up TLS: " + e.getMessage());
        }
    }
}

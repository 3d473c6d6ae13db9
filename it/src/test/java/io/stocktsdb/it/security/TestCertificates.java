package io.stocktsdb.it.security;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA with a server certificate (for 127.0.0.1 / localhost) and a client
 * certificate, written as PEM files the way redis-cli and the server read them.
 */
final class TestCertificates {
    final Path caCert;
    final Path serverCert;
    final Path serverKey;
    final Path clientCert;
    final Path clientKey;
    private final X509Certificate ca;
    private final X509Certificate client;
    private final PrivateKey clientPrivate;

    private TestCertificates(Path dir) throws Exception {
        KeyPair caKeys = ecKeys();
        ca = sign(new X500Name("CN=StockTSDB Test CA"), caKeys, new X500Name("CN=StockTSDB Test CA"), caKeys.getPrivate(), true, null);
        KeyPair serverKeys = ecKeys();
        X509Certificate server = sign(new X500Name("CN=localhost"), serverKeys, new X500Name("CN=StockTSDB Test CA"), caKeys.getPrivate(),
                false, new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
        KeyPair clientKeys = ecKeys();
        client = sign(new X500Name("CN=payments-client"), clientKeys, new X500Name("CN=StockTSDB Test CA"), caKeys.getPrivate(), false, null);
        clientPrivate = clientKeys.getPrivate();
        caCert = pem(dir.resolve("ca.crt"), ca);
        serverCert = pem(dir.resolve("server.crt"), server);
        serverKey = pkcs8(dir.resolve("server.key"), serverKeys.getPrivate());
        clientCert = pem(dir.resolve("client.crt"), client);
        clientKey = pkcs8(dir.resolve("client.key"), clientPrivate);
    }

    static TestCertificates create(Path dir) throws Exception { return new TestCertificates(dir); }

    /** A client context trusting the CA, presenting the client certificate when {@code withClientCert}. */
    SSLContext clientContext(boolean withClientCert) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withClientCert) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", clientPrivate, "pw".toCharArray(), new X509Certificate[] {client, ca});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey, boolean isCa,
                                        GeneralNames san) throws IOException, OperatorCreationException, GeneralSecurityException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli() ^ subject.hashCode()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        if (san != null) b.addExtension(Extension.subjectAlternativeName, false, san);
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static Path pem(Path file, Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return Files.writeString(file, w.toString());
    }

    private static Path pkcs8(Path file, PrivateKey key) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(new JcaPKCS8Generator(key, null));
        }
        return Files.writeString(file, w.toString());
    }
}

package dev.vigil.bench.webhook;

import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The benchmark's peer: the webhook's transport (Jetty 12, TLS 1.3, HTTP/1.1 keep-alive, the same thread pool and
 * connector settings as {@code WebhookServer}) answering every POST with one fixed allowed AdmissionReview after
 * reading the body — no parsing, no engine. It measures the TLS/HTTP ceiling of this machine. It lives here, not in
 * the webhook: a security webhook must not ship a switch that allows every request.
 *
 * <p>Usage: {@code TransportCeilingServer --port N --tls-cert FILE --tls-key FILE [--invocation blocking|non-blocking]};
 * {@code /readyz} answers 200. {@code --invocation non-blocking} declares the handler non-blocking, as the webhook
 * did before issue 15: Jetty then runs TLS (handshakes included) and HTTP parsing on its one selector thread.
 */
public final class TransportCeilingServer {
    private static final byte[] FIXED = ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                    + "\"response\":{\"uid\":\"fixed\",\"allowed\":true}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private TransportCeilingServer() {}

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8443;
        Path cert = null;
        Path key = null;
        boolean nonBlocking = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--address" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--tls-cert" -> cert = Path.of(args[i + 1]);
                case "--tls-key" -> key = Path.of(args[i + 1]);
                case "--invocation" -> nonBlocking = args[i + 1].equals("non-blocking");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException("--tls-cert and --tls-key are required");
        }
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("ceiling-jetty");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keyStore(cert, key));
        ssl.setKeyStorePassword("bench");
        ssl.setIncludeProtocols("TLSv1.3");
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, h1.getProtocol()), h1);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(120_000);
        connector.setAcceptQueueSize(1024); // as WebhookServer (listen backlog, issue 15)
        server.addConnector(connector);
        server.setHandler(
                new Handler.Abstract(
                        nonBlocking ? Invocable.InvocationType.NON_BLOCKING : Invocable.InvocationType.BLOCKING) {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) {
                        if ("/readyz".equals(Request.getPathInContext(request))) {
                            response.setStatus(200);
                            Content.Sink.write(response, true, "ready\n", callback);
                            return true;
                        }
                        Content.Source.asByteArrayAsync(request, 7 * 1024 * 1024)
                                .whenComplete((body, failure) -> {
                                    if (failure != null) {
                                        callback.failed(failure);
                                        return;
                                    }
                                    response.setStatus(200);
                                    response.getHeaders().put(JSON);
                                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, FIXED.length);
                                    response.write(true, ByteBuffer.wrap(FIXED), callback);
                                });
                        return true;
                    }
                });
        server.start();
        server.join();
    }

    private static KeyStore keyStore(Path certFile, Path keyFile) throws Exception {
        List<Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(certFile);
                PEMParser pem = new PEMParser(r)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    X509Certificate c = certs.getCertificate(h);
                    chain.add(c);
                }
            }
        }
        PrivateKey privateKey;
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(keyFile);
                PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            privateKey = o instanceof PEMKeyPair pair
                    ? keys.getKeyPair(pair).getPrivate()
                    : keys.getPrivateKey((PrivateKeyInfo) o);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("bench", privateKey, "bench".toCharArray(), chain.toArray(new Certificate[0]));
        return store;
    }
}

package dev.vigil.metrics.internal;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager over a PKCS#12 key store file that reloads the file when its modification time changes (checked at
 * most once a second, on handshakes), so certificates rotate without restarting the application. A file that cannot
 * be read keeps the last good key.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private final Path keystore;
    private final char[] password;
    private volatile X509ExtendedKeyManager delegate;
    private volatile FileTime loadedAt;
    private volatile long checkedAtNanos;

    /**
     * @throws Exception when the key store cannot be loaded the first time
     */
    public ReloadingKeyManager(Path keystore, char[] password) throws Exception {
        this.keystore = keystore;
        this.password = password.clone();
        this.delegate = load();
        this.checkedAtNanos = System.nanoTime();
    }

    private X509ExtendedKeyManager load() throws Exception {
        FileTime modified = Files.getLastModifiedTime(keystore);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        for (KeyManager km : kmf.getKeyManagers()) {
            if (km instanceof X509ExtendedKeyManager) {
                loadedAt = modified;
                return (X509ExtendedKeyManager) km;
            }
        }
        throw new IllegalStateException("no X509 key manager for " + keystore);
    }

    private X509ExtendedKeyManager current() {
        long now = System.nanoTime();
        if (now - checkedAtNanos > 1_000_000_000L) {
            checkedAtNanos = now;
            try {
                if (!Files.getLastModifiedTime(keystore).equals(loadedAt)) {
                    delegate = load();
                }
            } catch (Exception e) {
                // keep serving with the last good key
            }
        }
        return delegate;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current().getServerAliases(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}

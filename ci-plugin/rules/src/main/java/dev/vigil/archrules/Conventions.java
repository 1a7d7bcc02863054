package dev.vigil.archrules;

import java.util.List;

/**
 * Where a code base keeps which kind of code, as ArchUnit package patterns ({@code ..crypto..}). Rules that confine
 * an API to one layer ("process execution only in adapters") read them. {@link #DEFAULT} fits most layouts.
 *
 * @param cryptoPackages where JCA/JCE primitives may be used
 * @param securityPackages security-sensitive code (tokens, sessions, authentication), where randomness must be
 *     unpredictable
 * @param processPackages adapters allowed to start operating-system processes
 * @param persistencePackages where SQL may be written
 * @param webPackages the web layer (controllers, resources) in addition to classes annotated as controllers
 */
public record Conventions(
        List<String> cryptoPackages,
        List<String> securityPackages,
        List<String> processPackages,
        List<String> persistencePackages,
        List<String> webPackages) {

    public static final Conventions DEFAULT = new Conventions(
            List.of("..crypto..", "..security.."),
            List.of("..security..", "..auth..", "..crypto..", "..token..", "..session.."),
            List.of("..process..", "..adapter..", "..adapters.."),
            List.of("..persistence..", "..repository..", "..dao..", "..db.."),
            List.of("..web..", "..controller..", "..rest..", "..resource..", "..resources.."));

    public Conventions {
        cryptoPackages = List.copyOf(cryptoPackages);
        securityPackages = List.copyOf(securityPackages);
        processPackages = List.copyOf(processPackages);
        persistencePackages = List.copyOf(persistencePackages);
        webPackages = List.copyOf(webPackages);
    }
}

/** The Vigil admission webhook: TLS transport and AdmissionReview I/O around the policy engine. */
package dev.vigil.webhook;

package dev.vigil.webhook.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.webhook.admission.AdmissionDecision;
import dev.vigil.webhook.admission.AdmissionRequestView;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads AdmissionReview v1 requests (as Jackson trees, with bounded nesting) and writes responses with the
 * fabric8 {@code admission.v1} model. Malformed input becomes a {@link BadReviewException} with a one-line reason.
 */
final class AdmissionReviewCodec {
    static final String API_VERSION = "admission.k8s.io/v1";
    /** Deepest JSON nesting accepted; Kubernetes objects stay far below it. */
    static final int MAX_NESTING_DEPTH = 100;

    private final ObjectMapper mapper;

    AdmissionReviewCodec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** One-line reason why a request body is not a usable AdmissionReview. */
    static final class BadReviewException extends Exception {
        private static final long serialVersionUID = 1L;

        BadReviewException(String message) {
            super(message, null, false, false);
        }
    }

    AdmissionRequestView read(byte[] body) throws BadReviewException {
        JsonNode review;
        try {
            review = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new BadReviewException("malformed JSON: nested deeper than " + MAX_NESTING_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadReviewException("malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadReviewException("unreadable body: " + e.getMessage());
        }
        if (review == null || !review.isObject()) {
            throw new BadReviewException("body is not a JSON object");
        }
        String apiVersion = review.path("apiVersion").asText("");
        String kind = review.path("kind").asText("");
        if (!kind.equals("AdmissionReview") || !apiVersion.equals(API_VERSION)) {
            throw new BadReviewException("expected an AdmissionReview of apiVersion " + API_VERSION + ", got kind '"
                    + kind + "' apiVersion '" + apiVersion + "'");
        }
        try {
            return AdmissionRequestView.from(review.get("request"));
        } catch (IllegalArgumentException e) {
            throw new BadReviewException("malformed AdmissionReview: " + e.getMessage());
        }
    }

    /** The uid, kind and operation of a request body, found by a streaming scan that skips the objects. */
    record Peek(String uid, String kind, String operation) {}

    /** Cheap look at a body for a shed answer: never throws, missing parts are empty. */
    Peek peek(byte[] body) {
        String uid = "";
        String kind = "";
        String operation = "";
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Peek(uid, kind, operation);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("request") || value != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if (name.equals("uid") && t == JsonToken.VALUE_STRING) {
                        uid = p.getText();
                    } else if (name.equals("operation") && t == JsonToken.VALUE_STRING) {
                        operation = p.getText();
                    } else if (name.equals("kind") && t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            JsonToken kt = p.nextToken();
                            if (k.equals("kind") && kt == JsonToken.VALUE_STRING) {
                                kind = p.getText();
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                break;
            }
        } catch (IOException | RuntimeException e) {
            // a shed answer with what was found so far
        }
        return new Peek(uid, kind, operation);
    }

    byte[] write(AdmissionDecision decision) {
        AdmissionResponse response = new AdmissionResponse();
        response.setUid(decision.uid());
        response.setAllowed(decision.allowed());
        if (!decision.allowed()) {
            response.setStatus(new StatusBuilder()
                    .withCode(decision.code())
                    .withMessage(decision.message())
                    .withReason(decision.code() == 429 ? "TooManyRequests" : "Forbidden")
                    .build());
        }
        if (!decision.warnings().isEmpty()) {
            response.setWarnings(decision.warnings());
        }
        if (!decision.auditAnnotations().isEmpty()) {
            response.setAuditAnnotations(decision.auditAnnotations());
        }
        if (decision.patch() != null) {
            response.setPatchType("JSONPatch");
            response.setPatch(Base64.getEncoder().encodeToString(bytes(decision.patch())));
        }
        AdmissionReview review = new AdmissionReview();
        review.setApiVersion(API_VERSION);
        review.setKind("AdmissionReview");
        review.setResponse(response);
        return bytes(review);
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

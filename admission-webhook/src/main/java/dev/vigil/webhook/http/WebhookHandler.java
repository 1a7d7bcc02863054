package dev.vigil.webhook.http;

import dev.vigil.webhook.admission.AdmissionDecision;
import dev.vigil.webhook.admission.AdmissionRequestView;
import dev.vigil.webhook.admission.AdmissionReviewer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@code POST /validate}, {@code POST /mutate}, {@code GET /healthz}, {@code /readyz} and {@code /metrics}.
 * Transport only: checks method, content type, size and client certificate, reads the body without blocking,
 * hands it to the {@link WorkerPool} and writes the answer. Decisions come from {@link AdmissionReviewer}.
 *
 * <p>Declared blocking on purpose (issue 15): a non-blocking handler lets Jetty run the whole connection — TLS
 * handshakes included — on its selector thread (one on a 2-CPU pod), so a burst of new connections (the API server
 * reconnects after timeouts, restarts, load balancer resets) queued every request on every open connection behind
 * 1–3 ms of handshake CPU each: hundreds of milliseconds, and more timeouts, more reconnects. Declared blocking,
 * Jetty hands ready connections to pool threads (execute-produce-consume: the thread that saw the event goes on to
 * run it, no extra hand-off), so handshakes run beside the requests instead of in front of them.
 */
final class WebhookHandler extends Handler.Abstract {
    /** Largest accepted body: the API server's own request limit is 3 MiB, objects with old objects double it. */
    static final int MAX_BODY_BYTES = 7 * 1024 * 1024;

    /** Declared bodies up to this size are drained before the 413 so the client reads the answer. */
    static final long DRAIN_LIMIT_BYTES = 32L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField TEXT = new HttpField(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    private static final HttpField PROMETHEUS =
            new HttpField(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");

    private final AdmissionReviewer reviewer;
    private final AdmissionReviewCodec codec = new AdmissionReviewCodec();
    private final WorkerPool workers;
    private final WebhookMetrics metrics;
    private final Readiness readiness;
    private final boolean requireClientCert;
    private final long maxQueueWaitNanos;

    WebhookHandler(
            AdmissionReviewer reviewer,
            WorkerPool workers,
            WebhookMetrics metrics,
            Readiness readiness,
            boolean requireClientCert,
            Duration maxQueueWait) {
        super(InvocationType.BLOCKING);
        this.reviewer = reviewer;
        this.workers = workers;
        this.metrics = metrics;
        this.readiness = readiness;
        this.requireClientCert = requireClientCert;
        this.maxQueueWaitNanos = maxQueueWait.toNanos();
    }

    /**
     * Runs the whole decision path once per endpoint on a built-in review (read, decide, write, and the shed
     * answer) before readiness: Jackson builds its serializers and the JVM loads those classes now, not on the
     * first requests after a pod starts, where concurrent workers waited on class-loading locks (15-68 ms each in a
     * JFR recording, issue 15). Nothing is counted in /metrics.
     */
    void warmUp() {
        byte[] review = AdmissionReviewCodec.utf8(
                "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                        + "\"request\":{\"uid\":\"warm-up\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
                        + "\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},\"namespace\":\"vigil-warm-up\","
                        + "\"operation\":\"CREATE\",\"userInfo\":{\"username\":\"vigil-warm-up\"},\"object\":{\"apiVersion\":\"v1\","
                        + "\"kind\":\"Pod\",\"metadata\":{\"name\":\"warm-up\",\"namespace\":\"vigil-warm-up\"},\"spec\":"
                        + "{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\",\"securityContext\":{\"privileged\":true}}]}}}}");
        try {
            AdmissionRequestView req = codec.read(review);
            codec.write(reviewer.validate(req));
            codec.write(reviewer.mutate(req));
            AdmissionReviewCodec.Peek peek = codec.peek(review);
            codec.write(AdmissionDecision.shed(peek.uid(), peek.kind(), peek.operation(), true, "warm-up"));
        } catch (AdmissionReviewCodec.BadReviewException | RuntimeException e) {
            LOG.warn("warm-up review failed (first requests may be slower): {}", e.toString());
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        switch (path) {
            case "/validate" -> admission(request, response, callback, true);
            case "/mutate" -> admission(request, response, callback, false);
            case "/healthz" -> get(request, response, callback, r -> "ok\n");
            case "/readyz" -> {
                String reason = readiness.notReadyReason();
                if (reason == null) {
                    get(request, response, callback, r -> "ready\n");
                } else {
                    text(response, callback, 503, "not ready: " + reason + "\n");
                }
            }
            case "/metrics" -> {
                if (HttpMethod.GET.is(request.getMethod())) {
                    response.setStatus(200);
                    response.getHeaders().put(PROMETHEUS);
                    Content.Sink.write(response, true, metrics.scrape(), callback);
                } else {
                    text(response, callback, 405, "only GET is allowed on " + path + "\n");
                }
            }
            default -> text(response, callback, 404, "no such endpoint: " + path + "\n");
        }
        return true;
    }

    private void get(Request request, Response response, Callback callback, Function<Request, String> body) {
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            text(response, callback, 405, "only GET is allowed\n");
            return;
        }
        text(response, callback, 200, body.apply(request));
    }

    private void admission(Request request, Response response, Callback callback, boolean validating) {
        String endpoint = validating ? "validate" : "mutate";
        if (!HttpMethod.POST.is(request.getMethod())) {
            text(response, callback, 405, "only POST is allowed on /" + endpoint + "\n");
            return;
        }
        if (requireClientCert && !hasClientCertificate(request)) {
            metrics.rejected("no_client_certificate");
            text(response, callback, 403, "a client certificate signed by the configured client CA is required\n");
            return;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = contentType == null ? "" : MimeTypes.getBase(contentType);
        if (!"application/json".equalsIgnoreCase(mime)) {
            metrics.rejected("content_type");
            text(
                    response,
                    callback,
                    400,
                    "Content-Type must be application/json, got '" + (contentType == null ? "" : contentType) + "'\n");
            return;
        }
        long length = request.getLength();
        if (length > MAX_BODY_BYTES) {
            metrics.rejected("too_large");
            if (length <= DRAIN_LIMIT_BYTES) {
                // Read and discard the declared body first: answering while the client still sends makes the
                // connection close under it, and the client sees a reset instead of the 413.
                Content.Source.consumeAll(
                        request,
                        Callback.from(
                                () -> text(response, callback, 413, tooLarge()),
                                x -> text(response, callback, 413, tooLarge())));
            } else {
                text(response, callback, 413, tooLarge());
            }
            return;
        }
        Fields query = Request.extractQueryParameters(request);
        Duration timeout = RequestTimeout.parse(query.getValue("timeout"));
        long begin = request.getBeginNanoTime();
        long budget = Math.min(timeout.toNanos() / 2, maxQueueWaitNanos);
        metrics.inFlight().incrementAndGet();
        Callback done = Callback.from(() -> metrics.inFlight().decrementAndGet(), callback);
        Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenComplete((body, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (cause instanceof IllegalStateException
                        && String.valueOf(cause.getMessage())
                                .toLowerCase(Locale.ROOT)
                                .contains("max size")) {
                    metrics.rejected("too_large");
                    text(response, done, 413, tooLarge());
                } else {
                    done.failed(cause);
                }
                return;
            }
            Runnable task = () -> decide(body, response, done, validating, begin, budget);
            if (!workers.offer(task)) {
                shed(body, response, done, validating, begin, "worker queue full");
            }
        });
    }

    private void decide(
            byte[] body, Response response, Callback callback, boolean validating, long begin, long budget) {
        long waited = System.nanoTime() - begin;
        if (waited > budget) {
            shed(body, response, callback, validating, begin, "waited " + waited / 1_000_000 + " ms for a worker");
            return;
        }
        String endpoint = validating ? "validate" : "mutate";
        AdmissionRequestView req;
        try {
            req = codec.read(body);
        } catch (AdmissionReviewCodec.BadReviewException e) {
            metrics.rejected("malformed");
            text(response, callback, 400, e.getMessage() + "\n");
            return;
        }
        AdmissionDecision decision;
        try {
            decision = validating ? reviewer.validate(req) : reviewer.mutate(req);
        } catch (RuntimeException e) {
            LOG.error("deciding {} {} {}/{} failed", req.uid(), req.kindLabel(), req.namespace(), req.name(), e);
            metrics.rejected("internal_error");
            text(response, callback, 500, "internal error deciding request " + req.uid() + ": " + e + "\n");
            return;
        }
        respond(response, callback, decision, endpoint, begin);
    }

    private void shed(byte[] body, Response response, Callback callback, boolean validating, long begin, String why) {
        AdmissionReviewCodec.Peek peek = codec.peek(body);
        AdmissionDecision decision = AdmissionDecision.shed(peek.uid(), peek.kind(), peek.operation(), validating, why);
        respond(response, callback, decision, validating ? "validate" : "mutate", begin);
    }

    private void respond(
            Response response, Callback callback, AdmissionDecision decision, String endpoint, long begin) {
        byte[] json = codec.write(decision);
        response.setStatus(200);
        response.getHeaders().put(JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        // counted before the answer leaves: a client that has its answer sees it in /metrics (no race for scrapers
        // or tests reading the counters right after a review)
        metrics.record(endpoint, decision, System.nanoTime() - begin);
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    private static boolean hasClientCertificate(Request request) {
        Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (data instanceof EndPoint.SslSessionData ssl) {
            return ssl.peerCertificates() != null && ssl.peerCertificates().length > 0;
        }
        return false;
    }

    private static String tooLarge() {
        return "request body is larger than " + MAX_BODY_BYTES + " bytes (7 MiB)\n";
    }

    private static void text(Response response, Callback callback, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(TEXT);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}

package dev.vigil.jwt.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches small JSON documents (JWKS, discovery) over HTTPS — plain HTTP only for loopback hosts — with no
 * redirects, a size cap and one overall deadline per fetch: connecting, waiting for the headers and reading the
 * body together never take longer than the timeout, so a server that stalls mid-body cannot hold a fetch open.
 */
public final class HttpFetcher {
    static final int MAX_BODY_BYTES = 512 * 1024;
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*(\\d{1,9})");

    private final HttpClient client;
    private final Duration timeout;

    public HttpFetcher(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The body and, when the server sent one, its Cache-Control max-age. */
    public record Fetched(String body, Optional<Duration> maxAge) {}

    /** The deadline ({@link System#nanoTime()} based) of a fetch starting now. */
    public long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** One GET with its own deadline. */
    public Fetched get(URI uri) throws IOException {
        return get(uri, deadline());
    }

    /**
     * One GET that must be complete, body included, by {@code deadlineNanos} ({@link System#nanoTime()} based);
     * several GETs of one fetch (discovery, then the key set) share a deadline.
     *
     * @throws IOException for a refused scheme, a status other than 200, a body over 512 KiB, a network error or
     *     the deadline passing; the message names the URI and the cause
     */
    public Fetched get(URI uri, long deadlineNanos) throws IOException {
        requireAllowedScheme(uri);
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw deadlinePassed(uri);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(remaining))
                .header("Accept", "application/json, application/jwk-set+json")
                .GET()
                .build();
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> {
            CappedBody b = new CappedBody(uri, info.statusCode());
            body.set(b);
            return b;
        });
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort(exchange, body.get());
            throw deadlinePassed(uri);
        } catch (InterruptedException e) {
            abort(exchange, body.get());
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof FetchRefused refused) {
                throw new IOException(refused.getMessage());
            }
            if (cause instanceof HttpTimeoutException) { // the request's own timeout: the same deadline
                throw deadlinePassed(uri);
            }
            throw new IOException("GET " + uri + " failed: " + describe(cause), cause);
        }
        Optional<Duration> maxAge =
                response.headers().firstValue("Cache-Control").flatMap(HttpFetcher::maxAge);
        return new Fetched(new String(response.body(), StandardCharsets.UTF_8), maxAge);
    }

    private HttpTimeoutException deadlinePassed(URI uri) {
        return new HttpTimeoutException(
                "GET " + uri + " did not complete within " + timeout + " (connect, headers and body)");
    }

    /** Cancels the exchange and the body subscription, which closes the connection of a stalled response. */
    private static void abort(CompletableFuture<?> exchange, CappedBody body) {
        exchange.cancel(true);
        if (body != null) {
            body.cancel();
        }
    }

    /**
     * A throwable's class and message, then its causes' (at most four): some network errors, such as a refused
     * connection, carry no message of their own. One line: messages can quote what a server sent (a discovery
     * document's issuer, a key type), so control characters are escaped and cannot forge log lines.
     */
    public static String describe(Throwable t) {
        return oneLine(describeChain(t));
    }

    /** {@code text} on one line: control and line-separator characters escaped ({@code null} stays null). */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static String describeChain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Throwable c = t;
        for (int depth = 0; c != null && depth < 4; depth++, c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage();
            if (depth > 0) {
                if (message != null && sb.indexOf(message) >= 0) {
                    continue; // a wrapper repeating its cause's message says nothing new
                }
                sb.append(" <- ");
            }
            boolean plain = c.getClass() == IOException.class && message != null && !message.isBlank();
            if (!plain) {
                sb.append(c.getClass().getSimpleName()); // the class says what happened when nothing else does
            }
            if (message != null && !message.isBlank()) {
                sb.append(plain ? "" : ": ").append(message);
            }
        }
        return sb.toString();
    }

    /** A failure this class reports with its own complete message. */
    private static final class FetchRefused extends IOException {
        FetchRefused(String message) {
            super(message);
        }
    }

    /** Collects at most {@link #MAX_BODY_BYTES} of a 200 response; refuses any other status without reading. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final URI uri;
        private final int status;
        private volatile Flow.Subscription subscription;

        CappedBody(URI uri, int status) {
            this.uri = uri;
            this.status = status;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (status != 200) {
                s.cancel();
                result.completeExceptionally(new FetchRefused("GET " + uri + " answered HTTP " + status));
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (out.size() + b.remaining() > MAX_BODY_BYTES) {
                    cancel();
                    result.completeExceptionally(
                            new FetchRefused("GET " + uri + " answered more than " + MAX_BODY_BYTES + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    static Optional<Duration> maxAge(String cacheControl) {
        String lower = cacheControl.toLowerCase(Locale.ROOT);
        if (lower.contains("no-store") || lower.contains("no-cache")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = MAX_AGE.matcher(lower);
        return m.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1)))) : Optional.empty();
    }

    /** HTTPS everywhere; HTTP only to a loopback address (local IdPs in development and tests). */
    public static void requireAllowedScheme(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return;
        }
        throw new IOException("refusing " + uri + ": only https (or http to a loopback host) is allowed");
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}

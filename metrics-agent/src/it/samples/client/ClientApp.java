import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Makes outgoing java.net.http calls to a local server: two with send, one with sendAsync, one answered 404. Prints
 * LISTENING with its server's port once done, then stays up to be scraped.
 */
public final class ClientApp {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().startsWith("/missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        HttpClient client = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        client.send(HttpRequest.newBuilder(base.resolve("/a/1")).build(), HttpResponse.BodyHandlers.ofString());
        client.send(HttpRequest.newBuilder(base.resolve("/a/2")).build(), HttpResponse.BodyHandlers.ofString());
        client.sendAsync(HttpRequest.newBuilder(base.resolve("/b")).build(), HttpResponse.BodyHandlers.ofString())
                .join();
        client.send(HttpRequest.newBuilder(base.resolve("/missing")).build(), HttpResponse.BodyHandlers.discarding());
        System.out.println("LISTENING " + port);
        Thread.sleep(Long.MAX_VALUE);
    }
}

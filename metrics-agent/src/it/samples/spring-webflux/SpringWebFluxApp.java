package sample.webflux;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * A Spring Boot 4 WebFlux application on Reactor Netty with Actuator, run by WebFluxIT with the agent: a route
 * template answered later on another thread, an error signalled by the Mono, an exception thrown before any Mono
 * exists, and outgoing calls through Reactor Netty's own HttpClient. For the runtime guard (GuardWebFluxIT): handlers
 * that run a command from a query parameter (a command injection) in the handler itself and after a hop to another
 * thread; its start-up runs a command too (no event).
 */
@SpringBootApplication
@RestController
public class SpringWebFluxApp {
    private final HttpClient client = HttpClient.create();

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SpringWebFluxApp.class);
        app.setDefaultProperties(Map.of(
                "server.port", args.length > 0 ? args[0] : "0",
                "server.address", "127.0.0.1",
                "management.endpoints.web.exposure.include", "health,prometheus",
                "spring.main.banner-mode", "off",
                "spring.jmx.enabled", "false",
                "logging.level.root", "WARN"));
        app.run();
    }

    static String exec(String cmd) {
        try {
            return "exit " + new ProcessBuilder("/bin/sh", "-c", cmd).start().waitFor();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> ready(Environment env) {
        return event -> System.out.println(
                "start-up command " + exec("true") + "\nLISTENING " + env.getProperty("local.server.port"));
    }

    /** Runs {@code cmd} in the handler itself, on the event loop. */
    @GetMapping("/run/{tool}")
    Mono<String> run(@PathVariable("tool") String tool, @RequestParam("cmd") String cmd) {
        return Mono.just(tool + " " + exec(cmd));
    }

    /** Runs {@code cmd} after {@code publishOn}: on a bounded-elastic thread, once the value arrives. */
    @GetMapping("/run-later/{tool}")
    Mono<String> runLater(@PathVariable("tool") String tool, @RequestParam("cmd") String cmd) {
        return Mono.just(cmd).publishOn(Schedulers.boundedElastic()).map(c -> tool + " " + exec(c));
    }

    /** Runs {@code cmd} with {@code subscribeOn}: subscribed on a parallel thread. */
    @GetMapping("/run-on/{tool}")
    Mono<String> runOn(@PathVariable("tool") String tool, @RequestParam("cmd") String cmd) {
        return Mono.fromCallable(() -> tool + " " + exec(cmd)).subscribeOn(Schedulers.parallel());
    }

    @GetMapping("/items/{id}")
    Mono<String> item(@PathVariable("id") String id) {
        return Mono.just("item " + id).delayElement(Duration.ofMillis(5));
    }

    /** Answered at once, on the event loop: the benchmark's route (benchmarks/metrics-agent/webflux.sh). */
    @GetMapping("/fast/{id}")
    Mono<String> fast(@PathVariable("id") String id) {
        return Mono.just(id);
    }

    @GetMapping("/boom")
    Mono<String> boom() {
        return Mono.error(new IllegalStateException("signalled by the Mono"));
    }

    @GetMapping("/thrown")
    Mono<String> thrown() {
        throw new UnsupportedOperationException("thrown before any Mono exists");
    }

    /** Calls {@code to} (a full URL) through Reactor Netty's HttpClient; answers with the status it got. */
    @GetMapping("/call")
    Mono<String> call(@RequestParam("to") String to) {
        return client.get()
                .uri(to)
                .response()
                .map(r -> Integer.toString(r.status().code()))
                .onErrorResume(e -> Mono.just(e.getClass().getSimpleName()));
    }
}

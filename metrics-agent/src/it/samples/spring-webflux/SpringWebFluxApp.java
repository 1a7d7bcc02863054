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
import reactor.netty.http.client.HttpClient;

/**
 * A Spring Boot 4 WebFlux application on Reactor Netty with Actuator, run by WebFluxIT with the agent: a route
 * template answered later on another thread, an error signalled by the Mono, an exception thrown before any Mono
 * exists, and outgoing calls through Reactor Netty's own HttpClient.
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

    @Bean
    ApplicationListener<ApplicationReadyEvent> ready(Environment env) {
        return event -> System.out.println("LISTENING " + env.getProperty("local.server.port"));
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

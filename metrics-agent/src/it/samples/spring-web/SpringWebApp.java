package sample.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring Boot (3.5 or 4.0) MVC application with Actuator, run by SpringBootIT with the agent: a route template,
 * an unhandled exception (Spring wraps it in a ServletException), one an exception handler turns into a 503, one
 * thrown on another thread (async), and application meters counted during start-up, before any scrape.
 */
@SpringBootApplication
@RestController
public class SpringWebApp {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SpringWebApp.class);
        app.setDefaultProperties(Map.of(
                "server.port", args.length > 0 ? args[0] : "0",
                "server.address", "127.0.0.1",
                "management.endpoints.web.exposure.include", "health,metrics,prometheus",
                "spring.main.banner-mode", "off",
                "spring.jmx.enabled", "false",
                "logging.level.root", "WARN"));
        app.run();
    }

    @Bean
    CommandLineRunner countAtStartUp(MeterRegistry registry) {
        return args -> {
            Metrics.counter("vigil.it.global.startup").increment(2); // the global registry, before any scrape
            registry.counter("vigil.it.bean.startup").increment(2); // Boot's registry bean, before any scrape
        };
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> ready(Environment env) {
        return event -> {
            System.gc(); // a GC pause after start, before the first scrape: it must be on the first scrape
            System.out.println("LISTENING " + env.getProperty("local.server.port"));
        };
    }

    @GetMapping("/items/{id}")
    String item(@PathVariable("id") String id) {
        return "item " + id;
    }

    @GetMapping("/boom")
    String boom() {
        throw new IllegalStateException("boom");
    }

    @GetMapping("/handled")
    String handled() {
        throw new UnsupportedOperationException("handled into a 503");
    }

    @GetMapping("/async-boom")
    CompletableFuture<String> asyncBoom() {
        return CompletableFuture.supplyAsync(() -> {
            throw new IllegalArgumentException("thrown on another thread");
        });
    }

    @ExceptionHandler(UnsupportedOperationException.class)
    ResponseEntity<String> unsupported(UnsupportedOperationException e) {
        return ResponseEntity.status(503).body("handled");
    }
}

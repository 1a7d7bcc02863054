package dev.vigil.metrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReactorNettyRecorderTest {
    @Test
    void hostOnlyNeverPathQueryPortOrUser() {
        assertThat(ReactorNettyRecorder.hostOf("http://localhost:8080/items/7?token=secret"))
                .isEqualTo("localhost");
        assertThat(ReactorNettyRecorder.hostOf("https://api.example.com/a")).isEqualTo("api.example.com");
        assertThat(ReactorNettyRecorder.hostOf("http://[::1]:8080/x")).isEqualTo("[::1]");
        assertThat(ReactorNettyRecorder.hostOf("ws://user:pw@host.test:81/chat"))
                .isEqualTo("host.test");
    }

    @Test
    void hostOfUrlsTheUriClassRefuses() {
        // a query character java.net.URI rejects, and a host name with an underscore (URI: no host)
        assertThat(ReactorNettyRecorder.hostOf("http://search.test/q?a=|b|")).isEqualTo("search.test");
        assertThat(ReactorNettyRecorder.hostOf("http://my_service:9000/x")).isEqualTo("my_service");
        assertThat(ReactorNettyRecorder.hostOf("http://my_service")).isEqualTo("my_service");
        assertThat(ReactorNettyRecorder.hostOf(null)).isEqualTo("none");
        assertThat(ReactorNettyRecorder.hostOf("http:///path")).isEqualTo("none");
    }
}

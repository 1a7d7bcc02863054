package dev.vigil.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmacSecretFileTest {
    @TempDir
    Path dir;

    private byte[] secret(byte[] fileContent) throws IOException {
        Path f = Files.write(dir.resolve("hmac.key"), fileContent);
        return ((OctetSequenceKey)
                        KeySource.hmacSecretFile(f).load().keys().getKeys().get(0))
                .toByteArray();
    }

    @Test
    void aBinarySecretIsUsedAsWrittenEvenWhenItEndsInALineBreakByte() throws IOException {
        byte[] binary = new byte[32];
        Arrays.fill(binary, (byte) 0x9c);
        binary[30] = '\r';
        binary[31] = '\n';
        assertThat(secret(binary)).isEqualTo(binary);
    }

    @Test
    void aTextSecretLosesItsTrailingLineBreak() throws IOException {
        String text = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0";
        assertThat(secret((text + "\r\n").getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
        assertThat(secret((text + "\n").getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> secret("short\n".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageEndingWith("is shorter than 256 bits");
    }
}

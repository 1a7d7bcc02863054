package dev.vigil.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenLimitsTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 31, 32, 33, 256})
    void canonicalEncodingsPassAndEveryUnusedBitFlipIsCaught(int length) {
        byte[] data = new byte[length];
        java.util.Arrays.fill(data, (byte) 0xA5);
        String canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(data);
        assertThatCode(() -> TokenLimits.requireCanonical(canonical)).doesNotThrowAnyException();
        int rem = canonical.length() % 4;
        if (rem == 0) {
            return;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = canonical.charAt(canonical.length() - 1);
        int unused = rem == 2 ? 4 : 2;
        for (int bit = 0; bit < unused; bit++) {
            String alias = canonical.substring(0, canonical.length() - 1)
                    + alphabet.charAt(alphabet.indexOf(last) ^ (1 << bit));
            assertThat(Base64.getUrlDecoder().decode(alias)).isEqualTo(data); // the JDK accepts the alias...
            assertThatThrownBy(() -> TokenLimits.requireCanonical(alias)) // ...we do not
                    .isInstanceOfSatisfying(
                            TokenRejection.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_CANONICAL));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 50})
    void nestingBeyondTheLimitIsRefused(int depth) {
        String json = "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
        if (depth <= TokenLimits.MAX_JSON_DEPTH) {
            assertThatCode(() -> TokenLimits.requireDepth(json.getBytes())).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> TokenLimits.requireDepth(json.getBytes())).isInstanceOf(TokenRejection.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"[[[[[[[[[[[[[[[[[\"}", "{\"a\":\"\\\"[[[[[[[[[[[[[[[[[\"}"})
    void bracketsInsideStringsDoNotCount(String json) {
        assertThatCode(() -> TokenLimits.requireDepth(json.getBytes())).doesNotThrowAnyException();
    }
}

package dev.vigil.jwt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.vigil.jwt.internal.DpopVerifier;
import dev.vigil.jwt.internal.KeySource;
import dev.vigil.jwt.internal.TokenRejection;
import dev.vigil.testsupport.FuzzScaling;
import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;

/**
 * Time-scaling fuzz target for what reaches the filter from the network: bearer tokens (pre-parser and verifier, up
 * to the 8 KiB token limit), DPoP proofs, JWK sets and discovery documents (up to the fetcher's 512 KiB). A shape the
 * fuzzer chooses (a {@link FuzzScaling.Pump}), grown ten times, costs at most {@link FuzzScaling#MAX_RATIO} times the
 * CPU time, rejected or not. The first byte picks the parser. Stored inputs run in every build; {@code
 * benchmarks/fuzz.sh} fuzzes.
 */
class JwtScalingFuzzTest {
    private static final JwtValidator VALIDATOR = Fixtures.validator();
    private static final DpopVerifier DPOP = new DpopVerifier(Fixtures.CLOCK, Duration.ofMinutes(5));

    @FuzzTest(maxDuration = "5m")
    void scaling(byte[] input) {
        if (input.length == 0) {
            return;
        }
        FuzzScaling.Pump pump = FuzzScaling.Pump.of(Arrays.copyOfRange(input, 1, input.length));
        if (pump == null) {
            return;
        }
        switch (Math.floorMod(input[0], 4)) {
            case 0 -> FuzzScaling.linear("bearer token", pump, 700, VALIDATOR::validate, TokenRejectedException.class);
            case 1 ->
                FuzzScaling.linear(
                        "DPoP proof",
                        pump,
                        700,
                        text -> DPOP.verify(text, "POST", "https://api.example/orders", null),
                        TokenRejection.class);
            case 2 ->
                FuzzScaling.linear(
                        "JWK set",
                        pump,
                        4_000,
                        text -> KeySource.parseSet(text, "https://idp.example/jwks"),
                        IOException.class);
            default ->
                FuzzScaling.linear("discovery document", pump, 4_000, JSONObjectUtils::parse, ParseException.class);
        }
    }

    @AfterAll
    static void close() {
        VALIDATOR.close();
    }
}

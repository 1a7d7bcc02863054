package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    static final List<String> KEYS = List.of("profiles", "pssVersion", "rules", "exemptions", "nonWaivable");

    @Test
    void suggestsTheClosestKnownNameCaseInsensitively() {
        assertThat(Suggestions.closest("profile", KEYS)).hasValue("profiles");
        assertThat(Suggestions.closest("PSSVERSION", KEYS)).hasValue("pssVersion");
        assertThat(Suggestions.closest("exemptons", KEYS)).hasValue("exemptions");
    }

    @Test
    void suggestsNothingWhenEveryNameIsTooFar() {
        assertThat(Suggestions.closest("webhook", KEYS)).isEmpty();
        assertThat(Suggestions.closest("rulez", KEYS, 0)).isEmpty();
        assertThat(Suggestions.closest("rulez", KEYS, 1)).hasValue("rules");
        assertThat(Suggestions.closest("x".repeat(10_000), KEYS, 10_000)).isEmpty();
        assertThat(Suggestions.closest(null, KEYS)).isEmpty();
    }

    @Test
    void theFirstOfEquallyCloseNamesWins() {
        assertThat(Suggestions.closest("ab", List.of("ax", "xb"), 1)).hasValue("ax");
        assertThat(Suggestions.closest("ab", List.of("xb", "ax"), 1)).hasValue("xb");
    }

    @Test
    void distanceIsLevenshtein() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
        assertThat(Suggestions.distance("Rules", "rules")).isEqualTo(1);
    }
}

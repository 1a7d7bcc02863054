package dev.vigil.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnknownKidsTest {
    private final UnknownKids kids = new UnknownKids(1024, 300_000);

    @Test
    void aKidNeedsAFetchStartedAfterItsFirstSightingThenIsNegativelyCached() {
        // set from fetch 1; the next fetch will be number 2
        assertThat(kids.fetchNeeded("k", 0, 2, 1)).isEqualTo(2);
        assertThat(kids.fetchNeeded("k", 10, 2, 1)).isEqualTo(2); // still waiting for fetch 2
        kids.lacking("k", 20, 2);
        assertThat(kids.fetchNeeded("k", 30, 3, 2)).isEqualTo(UnknownKids.ABSENT);
        assertThat(kids.fetchNeeded("k", 300_019, 3, 2)).isEqualTo(UnknownKids.ABSENT);
        assertThat(kids.fetchNeeded("k", 300_020, 3, 2)).isEqualTo(3); // TTL over: one more fetch allowed
    }

    @Test
    void aSetFetchedAfterTheSightingThatLacksTheKidAnswersWithoutAFetch() {
        assertThat(kids.fetchNeeded("k", 0, 2, 1)).isEqualTo(2);
        // a background refresh (fetch 2) happened meanwhile and still lacks k
        assertThat(kids.fetchNeeded("k", 5, 3, 2)).isEqualTo(UnknownKids.ABSENT);
    }

    @Test
    void oneKidsNegativeEntryNeverBlocksAnother() {
        kids.fetchNeeded("junk", 0, 2, 1);
        kids.lacking("junk", 1, 2);
        assertThat(kids.fetchNeeded("junk", 2, 3, 2)).isEqualTo(UnknownKids.ABSENT);
        assertThat(kids.fetchNeeded("rotated", 2, 3, 2)).isEqualTo(3);
    }

    @Test
    void aFloodOfRandomKidsKeepsTheTableBounded() {
        for (int i = 0; i < 100_000; i++) {
            kids.fetchNeeded("random-" + i, i, 2 + i, 1 + i);
        }
        assertThat(kids.size()).isEqualTo(1024);
    }
}

package dev.vigil.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-JVM DPoP replay record: replays refused, one bucket per key, expiry frees a key's allowance. */
class InMemoryProofReplayTest {
    final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    final InMemoryProofReplay replay = new InMemoryProofReplay(clock, 3);

    @Test
    void aReplayIsRefusedUntilTheProofCouldNoLongerBeAcceptedAnyway() {
        long until = now.get() + 120_000;
        assertThat(replay.firstUse("key", "jti", until)).isTrue();
        assertThat(replay.firstUse("key", "jti", until)).isFalse();
        now.set(until - 1);
        assertThat(replay.firstUse("key", "jti", until)).isFalse();
        now.set(until);
        assertThat(replay.firstUse("key", "jti", until + 120_000)).isTrue();
    }

    @Test
    void aFullKeyRefusesOnlyItsOwnNewProofs() {
        long until = now.get() + 120_000;
        for (int i = 0; i < 3; i++) {
            assertThat(replay.firstUse("busy", "jti-" + i, until)).isTrue();
        }
        assertThat(replay.firstUse("busy", "jti-3", until)).isFalse();
        for (int k = 0; k < 5_000; k++) {
            assertThat(replay.firstUse("other-" + k, "jti-0", until)).isTrue();
        }
        assertThat(replay.firstUse("victim", "jti-0", until)).isTrue();
        now.set(until);
        assertThat(replay.firstUse("busy", "jti-3", until + 120_000)).isTrue();
    }

    @Test
    void anExpiredProofBehindALiveOneStillFreesItsPlaceWhenTheKeyIsFull() {
        long t = now.get();
        assertThat(replay.firstUse("key", "long", t + 200_000)).isTrue();
        assertThat(replay.firstUse("key", "short-1", t + 10_000)).isTrue();
        assertThat(replay.firstUse("key", "short-2", t + 10_000)).isTrue();
        now.set(t + 10_000);
        assertThat(replay.firstUse("key", "next", t + 130_000)).isTrue();
    }
}

package dev.vigil.jwt.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one issuer knows about kids that are not in its key set, bounded in size: when each was first seen,
 * written as the number of the first fetch that started after that sighting (only such a fetch can tell whether
 * the kid exists), and, once such a fetch lacked it, until when it is refused without fetching. One kid's entry
 * never blocks another kid: a junk kid cannot delay a key the IdP really rotated in.
 */
final class UnknownKids {
    /** Answer of {@link #fetchNeeded}: the kid is known to be absent, do not fetch. */
    static final long ABSENT = -1;

    private static final long NOT_ABSENT = Long.MIN_VALUE;

    private static final class Sighting {
        final long neededFetch;
        long absentUntil = NOT_ABSENT;

        Sighting(long neededFetch) {
            this.neededFetch = neededFetch;
        }
    }

    private final int maxEntries;
    private final long negativeTtlMillis;
    // access order: a flood of random kids evicts the least recently seen entries, never grows past maxEntries
    private final Map<String, Sighting> kids;

    UnknownKids(int maxEntries, long negativeTtlMillis) {
        this.maxEntries = maxEntries;
        this.negativeTtlMillis = negativeTtlMillis;
        this.kids = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sighting> eldest) {
                return size() > UnknownKids.this.maxEntries;
            }
        };
    }

    /**
     * The number of the first fetch that can know {@code kid}, or {@link #ABSENT}.
     *
     * @param nextFetch the number the next fetch to start will get
     * @param setFetch the number of the fetch that produced the current key set, which lacks the kid
     */
    synchronized long fetchNeeded(String kid, long now, long nextFetch, long setFetch) {
        Sighting s = kids.get(kid);
        if (s != null && s.absentUntil != NOT_ABSENT) {
            if (now < s.absentUntil) {
                return ABSENT;
            }
            s = null; // the negative entry expired: this is a new first sighting
        }
        if (s == null) {
            s = new Sighting(nextFetch);
            kids.put(kid, s);
        }
        if (setFetch >= s.neededFetch) { // the set was fetched after the first sighting and still lacks the kid
            s.absentUntil = now + negativeTtlMillis;
            return ABSENT;
        }
        return s.neededFetch;
    }

    /** A key set produced by fetch {@code setFetch} lacks {@code kid}. */
    synchronized void lacking(String kid, long now, long setFetch) {
        Sighting s = kids.get(kid);
        if (s != null && setFetch >= s.neededFetch) {
            s.absentUntil = now + negativeTtlMillis;
        }
    }

    synchronized int size() {
        return kids.size();
    }
}

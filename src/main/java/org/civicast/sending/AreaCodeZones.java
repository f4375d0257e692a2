package org.civicast.sending;

import org.civicast.platform.time.QuietHours;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a recipient's day is, from the area code of their number: the proxy for a recipient's
 * location that carriers and courts accept for quiet hours. An area code spanning several zones
 * is open only when the window is open in all of them; one of no known zone (non-geographic,
 * newly assigned) only when it is open across the contiguous United States.
 */
final class AreaCodeZones {
    static final List<ZoneId> CONTIGUOUS_US = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"),
            ZoneId.of("America/Denver"), ZoneId.of("America/Los_Angeles"));
    private static final Map<Integer, List<ZoneId>> ZONES = load();

    private AreaCodeZones() {}

    /** The zones of an area code (never empty). */
    static List<ZoneId> of(int areaCode) {
        return ZONES.getOrDefault(areaCode, CONTIGUOUS_US);
    }

    /** The area code of a stored number (E.164 digits of a NANP number: 1, then NPA-NXX-XXXX). */
    static int areaCode(long phone) {
        return (int) (phone / 10_000_000L % 1000);
    }

    /** Every area code (200–999) whose recipients are outside the window at {@code at}. */
    static long[] closed(QuietHours window, Instant at) {
        if (!window.limited()) return new long[0];
        Map<List<ZoneId>, Boolean> open = new HashMap<>();
        long[] closed = new long[800];
        int n = 0;
        for (int npa = 200; npa <= 999; npa++) {
            boolean isOpen = open.computeIfAbsent(of(npa), zones -> zones.stream().allMatch(z -> window.open(at, z)));
            if (!isOpen) closed[n++] = npa;
        }
        return Arrays.copyOf(closed, n);
    }

    /** The first moment after {@code at} when recipients of any of these area codes may be texted. */
    static Optional<Instant> nextOpening(QuietHours window, Instant at, Collection<Integer> areaCodes) {
        Instant earliest = null;
        for (List<ZoneId> zones : areaCodes.stream().map(AreaCodeZones::of).distinct().toList()) {
            Optional<Instant> opening = window.nextOpeningInAll(at, zones);
            if (opening.isPresent() && (earliest == null || opening.get().isBefore(earliest))) earliest = opening.get();
        }
        return Optional.ofNullable(earliest);
    }

    private static Map<Integer, List<ZoneId>> load() {
        Map<Integer, List<ZoneId>> zones = new HashMap<>();
        var in = AreaCodeZones.class.getResourceAsStream("area-code-zones.csv");
        if (in == null) throw new IllegalStateException("area-code-zones.csv is missing from the build");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split(",", 2);
                List<ZoneId> ids = new ArrayList<>();
                for (String z : parts[1].trim().split(" ")) ids.add(ZoneId.of(z));
                zones.put(Integer.parseInt(parts[0].trim()), List.copyOf(ids));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(zones);
    }
}

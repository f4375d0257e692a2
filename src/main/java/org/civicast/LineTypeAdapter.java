package org.civicast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicast.billing.BilledTo;
import org.civicast.contacts.LineTypeSource;
import org.civicast.lookup.LineInfo;
import org.civicast.lookup.LineTypeLookup;
import org.civicast.lookup.LookupFailure;

/**
 * The lookup feature as the contacts feature's line-type source: numbers as E.164 digits, each
 * lookup billed to the list's organization for the list. A number the provider does not cover comes
 * back without a line type, so the analysis records it once and moves on.
 */
final class LineTypeAdapter implements LineTypeSource {
    private final LineTypeLookup lookup;
    private final java.time.Clock clock;

    LineTypeAdapter(LineTypeLookup lookup, java.time.Clock clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    @Override
    public List<LineType> lookup(String organizationId, String listId, List<Long> phones) {
        List<String> numbers = phones.stream().map(p -> "+" + p).toList();
        Map<String, LineInfo> found;
        try {
            found = lookup.lookup(new BilledTo(organizationId, "contact_list", listId, null), numbers);
        } catch (LookupFailure e) {
            if (!e.temporary()) throw new IllegalStateException(e.getMessage(), e);
            throw e;
        }
        List<LineType> results = new ArrayList<>(phones.size());
        for (long phone : phones) {
            LineInfo info = found.get("+" + phone);
            results.add(info == null ? new LineType(phone, null, null, null, null, clock.instant())
                    : new LineType(phone, info.lineType().wireName(), info.carrier(), info.lrn(), info.ported(),
                            info.lookedUpAt()));
        }
        return results;
    }
}

package org.civicast.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicast.billing.BilledTo;
import org.civicast.billing.UsageCategory;
import org.civicast.billing.UsageLedger;
import org.civicast.platform.db.Database;

/**
 * The line type, carrier, LRN and ported flag of phone numbers: what a contact list's analysis
 * asks before anyone texts the list.
 *
 * <p>An answer is kept per number, for every list of every organization, and reused while it is
 * younger than the cache period and came from the provider now configured; other numbers go to
 * the provider. Each number a provider answers is billed once to the organization that asked, as
 * {@code carrier_lookup} usage; answers from the cache cost nothing.
 *
 * <p>Numbers go to the provider in batches; each batch's answers and usage are stored in one
 * transaction before the next batch is asked, so a failure part way keeps (and bills) what the
 * provider already answered. Call this outside a transaction: it waits on the provider.
 */
public final class LineTypeLookup {
    /** Numbers asked of the provider, then stored and billed, together. */
    public static final int BATCH_SIZE = 500;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private final Database db;
    private final LrnProvider provider;
    private final UsageLedger usage;
    private final Clock clock;
    private final Duration cacheFor;
    private final int batchSize;

    public LineTypeLookup(Database db, LrnProvider provider, UsageLedger usage, Clock clock, Duration cacheFor) {
        this(db, provider, usage, clock, cacheFor, BATCH_SIZE);
    }

    public LineTypeLookup(Database db, LrnProvider provider, UsageLedger usage, Clock clock, Duration cacheFor,
                          int batchSize) {
        if (batchSize < 1 || cacheFor.isNegative()) throw new IllegalArgumentException("batch size or cache period");
        this.db = db;
        this.provider = provider;
        this.usage = usage;
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.batchSize = batchSize;
    }

    /** The configured provider's name: {@code offline}, {@code telnyx} or {@code twilio}. */
    public String providerName() {
        return provider.name();
    }

    /**
     * What is known of each number, keyed by the number, in the order first given. A number the
     * provider could not answer (outside its coverage) is absent; the next lookup asks again.
     *
     * @param billedTo    who pays for the numbers the provider is asked about, and for what
     * @param e164Numbers numbers in E.164 ({@code +12025550143}); repeats are looked up once
     * @throws IllegalArgumentException when a number is not in E.164, before anything is asked
     * @throws LookupFailure            when the provider cannot be used; batches answered before stay stored
     */
    public Map<String, LineInfo> lookup(BilledTo billedTo, List<String> e164Numbers) {
        List<String> numbers = new ArrayList<>(new LinkedHashSet<>(e164Numbers));
        for (String number : numbers) {
            if (number == null || !E164.matcher(number).matches()) {
                throw new IllegalArgumentException("'" + number + "' is not an E.164 number such as +12025550143");
            }
        }
        Map<String, LineInfo> found = new HashMap<>();
        for (int from = 0; from < numbers.size(); from += batchSize) {
            found.putAll(batch(billedTo, numbers.subList(from, Math.min(numbers.size(), from + batchSize))));
        }
        Map<String, LineInfo> ordered = new LinkedHashMap<>();
        for (String number : numbers) {
            if (found.containsKey(number)) ordered.put(number, found.get(number));
        }
        return ordered;
    }

    private Map<String, LineInfo> batch(BilledTo billedTo, List<String> numbers) {
        Map<String, LineInfo> found = new HashMap<>();
        if (!cacheFor.isZero()) {
            Instant notBefore = clock.instant().minus(cacheFor);
            for (LineInfo cached : db.read(h -> LineTypeCache.fresh(h, numbers, provider.name(), notBefore))) {
                found.put(cached.number(), cached);
            }
        }
        Set<String> missing = new LinkedHashSet<>(numbers);
        missing.removeAll(found.keySet());
        if (missing.isEmpty()) return found;
        Map<String, LineInfo> answers = new HashMap<>();
        provider.lookup(List.copyOf(missing)).forEach((number, info) -> {
            // Only what was asked, under the number it was asked as: a provider's extra keys are not billed.
            if (missing.contains(number) && number.equals(info.number())) answers.put(number, info);
        });
        db.tx(h -> {
            LineTypeCache.store(h, answers.values());
            usage.record(answers.values().stream()
                    .map(a -> billedTo.entry(UsageCategory.CARRIER_LOOKUP, 1, a.number() + " via " + a.provider()))
                    .toList());
            return null;
        });
        found.putAll(answers);
        return found;
    }
}

package org.civicast.advocacy.delivery;

/**
 * The last resort for offices no configured channel reaches: the letter is not sent but kept,
 * recorded as {@value DeliveryResult#NO_ROUTE}, so it is never silently dropped and an operator
 * can see which offices need a route (an API key, an email address) and deliver later.
 */
public final class RecordOnlyChannel implements DeliveryChannel {
    public static final String NAME = "record-only";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reaches(Office office) {
        return true;
    }

    @Override
    public Requirements requirements(Office office) {
        return Requirements.NONE;
    }

    @Override
    public DeliveryResult deliver(Letter letter) {
        Office office = letter.office();
        return new DeliveryResult.NoRoute("no configured channel reaches " + office.label() + " ("
                + office.chamber().name().toLowerCase(java.util.Locale.ROOT)
                + (office.email() == null ? ", no email address" : "") + ")");
    }
}

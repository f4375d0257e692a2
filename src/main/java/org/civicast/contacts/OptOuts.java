package org.civicast.contacts;

/**
 * Each organization's opted-out numbers (the {@code opt_outs} table). Imports leave them out of
 * lists; the sending engine checks them again for each message it is about to hand over, with
 * {@link #HOLDS}, so that a number opting out after its list was made is still honoured.
 */
public final class OptOuts {
    private OptOuts() {}

    /**
     * A condition true when the organization's opt-outs hold a number: {@code :org} is the
     * organization, and {@code %s} stands for the SQL expression of the number (E.164 digits).
     * Other features embed it; its text is this feature's.
     */
    public static final String HOLDS = "EXISTS (SELECT 1 FROM opt_outs o WHERE o.organization_id = :org AND o.phone = %s)";
}

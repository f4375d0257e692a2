package org.civicast.contacts;

/** A list's rows as the API shows them. */
final class ContactListViews {
    private ContactListViews() {}

    static ContactListDetail detail(ContactListStore.Row r, ContactListDetail.Breakdown breakdown) {
        ImportCounts c = r.counts();
        ContactListDetail.Import section = new ContactListDetail.Import(r.status(), r.progress(),
                c == null ? null : c.totalRows(), c == null ? null : c.totalContacts(),
                c == null ? null : c.cleanContacts(), c == null ? null : c.duplicates(),
                c == null ? null : c.badNumbers(), c == null ? null : c.optedOut(), r.startedAt(), r.completedAt(),
                r.failureReason());
        int analyzed = breakdown == null ? 0
                : breakdown.mobile() + breakdown.landline() + breakdown.voip() + breakdown.invalid();
        ContactListDetail.Analysis analysis = new ContactListDetail.Analysis(r.analysisStatus(), analyzed, breakdown,
                r.analysisStartedAt(), r.analysisCompletedAt(), r.analysisFailure());
        return new ContactListDetail(r.id(), r.name(), r.brandId(), r.organizationId(), r.importedViaApi(), r.createdAt(),
                r.phoneColumn(), r.tags().asJson(), section, analysis,
                r.status().equals("ready") ? "/v1/contact-lists/" + r.id() + "/rejected-rows" : null);
    }
}

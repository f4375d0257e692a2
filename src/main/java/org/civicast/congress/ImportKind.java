package org.civicast.congress;

/** The kinds of congress data; an import replaces all the data of one kind. */
public enum ImportKind {
    /** legislators-current: the members and their seats. */
    LEGISLATORS("legislators"),
    /** legislators-district-offices. */
    DISTRICT_OFFICES("district-offices"),
    /** legislators-social-media. */
    SOCIAL_MEDIA("social-media"),
    /** ZCTA → congressional district. */
    DISTRICTS("districts"),
    /** contact-congress web forms. */
    CONTACT_FORMS("contact-forms");

    private final String wireName;

    ImportKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ImportKind fromWireName(String name) {
        for (ImportKind kind : values()) if (kind.wireName.equals(name)) return kind;
        throw new IllegalArgumentException("unknown kind of congress data " + name);
    }
}

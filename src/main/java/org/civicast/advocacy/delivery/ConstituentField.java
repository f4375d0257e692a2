package org.civicast.advocacy.delivery;

import java.util.function.Function;

/** The parts of a letter a channel may need from the person, each read from a {@link Letter}. */
public enum ConstituentField {
    PREFIX(l -> l.constituent().prefix()),
    FIRST_NAME(l -> l.constituent().firstName()),
    LAST_NAME(l -> l.constituent().lastName()),
    ADDRESS(l -> l.constituent().addressLines().isEmpty() ? null : l.constituent().addressLines().get(0)),
    CITY(l -> l.constituent().city()),
    STATE(l -> l.constituent().state()),
    ZIP5(l -> l.constituent().zip5()),
    ZIP4(l -> l.constituent().zip4()),
    PHONE(l -> l.constituent().phone()),
    EMAIL(l -> l.constituent().email()),
    TOPIC(l -> l.message().topic()),
    SUBJECT(l -> l.message().subject()),
    /** The person's message or the campaign's statement: either will do. */
    MESSAGE(l -> present(l.message().constituentMessage()) ? l.message().constituentMessage()
            : l.message().organizationStatement());

    private final Function<Letter, String> reader;

    ConstituentField(Function<Letter, String> reader) {
        this.reader = reader;
    }

    /** The letter's value for this field; null or blank when it has none. */
    public String valueIn(Letter letter) {
        return reader.apply(letter);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

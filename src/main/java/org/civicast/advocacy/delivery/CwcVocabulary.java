package org.civicast.advocacy.delivery;

import java.util.List;

/** The fixed value lists of CWC 2.0 messages. */
public final class CwcVocabulary {
    private CwcVocabulary() {}

    /** The Library of Congress (CRS) policy areas: the only values of {@code LibraryOfCongressTopic}. */
    public static final List<String> TOPICS = List.of(
            "Agriculture and Food",
            "Animals",
            "Armed Forces and National Security",
            "Arts, Culture, Religion",
            "Civil Rights and Liberties, Minority Issues",
            "Commerce",
            "Congress",
            "Crime and Law Enforcement",
            "Economics and Public Finance",
            "Education",
            "Emergency Management",
            "Energy",
            "Environmental Protection",
            "Families",
            "Finance and Financial Sector",
            "Foreign Trade and International Finance",
            "Government Operations and Politics",
            "Health",
            "Housing and Community Development",
            "Immigration",
            "International Affairs",
            "Labor and Employment",
            "Law",
            "Native Americans",
            "Public Lands and Natural Resources",
            "Science, Technology, Communications",
            "Social Sciences and History",
            "Social Welfare",
            "Sports and Recreation",
            "Taxation",
            "Transportation and Public Works",
            "Water Resources Development");

    /** Name prefixes the House's CWC takes. */
    public static final List<String> HOUSE_PREFIXES = List.of(
            "Mr.", "Mrs.", "Ms.", "Mr. and Mrs.", "Miss", "Dr.", "Dr. and Mrs.", "Dr. and Mr.", "Admiral", "Captain",
            "Chief Master Sergeant", "Colonel", "Commander", "Corporal", "Father", "Lieutenant", "Lieutenant Colonel",
            "Master Sergeant", "Reverend", "Sergeant", "Second Lieutenant", "Sergeant Major", "Sister",
            "Technical Sergeant");

    /** Name prefixes the Senate's CWC is reported to take; it refuses any other. */
    public static final List<String> SENATE_PREFIXES = List.of("Mr.", "Mrs.", "Miss", "Ms.", "Dr.");

    /** Postal abbreviations of the states, the District of Columbia and the territories with a delegate. */
    public static final List<String> STATES = List.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
            "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
            "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "DC", "AS", "GU", "MP", "PR", "VI");
}

package org.civicast.advocacy.delivery;

import java.util.List;

/**
 * What the letter says.
 *
 * @param constituentMessage    the person's own words; may be null when the statement is given
 * @param organizationStatement the campaign's text, not written by the person; may be null
 * @param topic                 a Library of Congress policy area ({@link CwcVocabulary#TOPICS}); null if unknown
 * @param bills                 measures the message is about; may be empty
 * @param stance                for or against those measures; null if neither
 * @param moreInfo              a URL with more about the campaign; may be null
 * @param responseRequested     whether the person wants an answer; null if not asked
 * @param newsletterOptIn       whether the person wants the office's newsletter; null if not asked
 */
public record Message(
        String subject,
        String constituentMessage,
        String organizationStatement,
        String topic,
        List<Bill> bills,
        Stance stance,
        String moreInfo,
        Boolean responseRequested,
        Boolean newsletterOptIn) {

    public Message {
        bills = bills == null ? List.of() : List.copyOf(bills);
    }

    /** A message with only the essentials. */
    public static Message of(String subject, String constituentMessage, String organizationStatement, String topic) {
        return new Message(subject, constituentMessage, organizationStatement, topic, List.of(), null, null, null, null);
    }
}

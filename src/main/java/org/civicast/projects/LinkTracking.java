package org.civicast.projects;

/**
 * A project's link tracking: where the tracked link ({@code {link}} in the message) redirects,
 * under which tracking domain, and which contact field it carries. See docs/projects.md and
 * {@link LinkRules} for the placeholder rules.
 *
 * @param destinationUrl the redirect target; may hold {@code {paramField}} once or more, or be
 *                       exactly {@code https://{paramField}} (each recipient's own URL)
 * @param paramField     {@code phone}, a standard tag or a list's custom tag; null for none
 * @param fallbackUrl    where the whole-URL mode sends a recipient whose field is empty or no URL
 */
public record LinkTracking(boolean enabled, String destinationUrl, String domainId, String paramField,
                           String fallbackUrl) {
    static final LinkTracking OFF = new LinkTracking(false, null, null, null, null);

    /** True when the destination is exactly {@code https://{field}}: each recipient goes to the URL in that field. */
    public boolean wholeUrl() {
        return destinationUrl != null && destinationUrl.matches("https://\\{[^{}]*}");
    }
}

package org.civicast.links;

/** One recipient's short link: its code and the tracking domain it is served on. */
public record ShortLink(String code, String domain) {
    /** {@code https://<domain>/<code>}: what the message's {@code {link}} becomes. */
    public String url() {
        return ShortLinks.url(domain, code);
    }
}

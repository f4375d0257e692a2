package org.civicast.links;

/**
 * Counted clicks of a project's links (HEAD requests and preview bots are never counted).
 *
 * @param total  every counted click
 * @param unique recipients who clicked: links with at least one counted click
 */
public record ClickCounts(long total, long unique) {
    public static final ClickCounts NONE = new ClickCounts(0, 0);
}

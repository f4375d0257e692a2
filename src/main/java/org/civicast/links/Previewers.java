package org.civicast.links;

import java.util.List;
import java.util.Locale;

/**
 * Visits to a short link that are not a person's click, and so are redirected but not counted:
 * every HEAD request, a visit without a User-Agent, and the user agents of link previewers and
 * crawlers. Those are the apps that fetch a link to show a preview card (iMessage, whose previews
 * say {@code facebookexternalhit … Facebot Twitterbot}; WhatsApp; Facebook; Slack; Twitter/X;
 * LinkedIn; Discord; Telegram; Skype and Teams; Pinterest; Reddit), search engines' crawlers,
 * embedding services, and command-line and library HTTP clients. Carriers' and security vendors'
 * link scanners that announce themselves as an ordinary phone browser cannot be told apart and are
 * counted; so are in-app browsers (Facebook's, Instagram's, Snapchat's), in which a person opens
 * the link.
 */
final class Previewers {
    /** Lowercase substrings of user agents that belong to software, not to a person's browser. */
    static final List<String> AGENTS = List.of(
            "facebookexternalhit", "facebot", "facebookcatalog", "meta-externalagent", "twitterbot", "applebot",
            "whatsapp", "slackbot", "slack-imgproxy", "linkedinbot", "discordbot", "telegrambot", "skypeuripreview",
            "microsoftpreview", "pinterestbot", "redditbot", "embedly", "iframely",
            "vkshare", "googlebot", "google-inspectiontool", "googleother", "adsbot-google", "mediapartners-google",
            "google-pagerenderer", "bingbot", "bingpreview", "yandexbot", "duckduckbot", "baiduspider", "petalbot",
            "amazonbot", "gptbot", "chatgpt-user", "headlesschrome", "curl/", "wget/", "python-requests",
            "python-urllib", "aiohttp", "go-http-client", "java/", "java-http-client", "okhttp", "axios/",
            "node-fetch", "libwww-perl", "httpie");

    /** True when the visit is redirected without being counted as a click. */
    static boolean previewing(String method, String userAgent) {
        if ("HEAD".equals(method)) return true;
        if (userAgent == null || userAgent.isBlank()) return true;
        String agent = userAgent.toLowerCase(Locale.ROOT);
        for (String software : AGENTS) {
            if (agent.contains(software)) return true;
        }
        return false;
    }

    private Previewers() {}
}

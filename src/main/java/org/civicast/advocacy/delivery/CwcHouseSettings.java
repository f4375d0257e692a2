package org.civicast.advocacy.delivery;

import java.net.URI;

/**
 * Where and as whom to send House CWC messages.
 *
 * @param baseUrl {@code https://cwc.house.gov}, or the test host the House assigns
 * @param apiKey  the key the House issued to the delivery agent
 */
public record CwcHouseSettings(URI baseUrl, String apiKey, CwcAgent agent) {}

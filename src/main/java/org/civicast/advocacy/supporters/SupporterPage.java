package org.civicast.advocacy.supporters;

import java.util.List;

/**
 * A page of a supporter search as {@code GET /v3/supporters} answers it: Rally's paging fields
 * (see {@code RallyPage}) and the supporters. Describes the answer in the OpenAPI document.
 */
public record SupporterPage(String uri, String firstpageuri, String nextpageuri, String previouspageuri, int page,
                            int pagesize, long totalResults, List<Supporter> supporters) {}

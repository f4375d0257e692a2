package org.civicast.platform.surfaces;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ApiRequest;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Route;

/**
 * A page of a list on the advocacy API, as Rally Congress clients page through one: the items
 * under their plural name beside {@code uri}, {@code firstpageuri}, {@code nextpageuri},
 * {@code previouspageuri}, {@code page} (zero-based), {@code pagesize} and {@code totalResults}.
 * The page URIs keep the request's other parameters, so following them repeats the same search.
 */
public final class RallyPage {
    public static final int DEFAULT_SIZE = 50;
    public static final int LARGEST_SIZE = 1000;

    /** Which page a request asks for. */
    public record Request(int page, int pageSize) {
        public int offset() {
            return page * pageSize;
        }
    }

    /** Declares the paging parameters on a list route. */
    public static Route pageable(Route route) {
        return route.query("page", Field.integer(0, 1_000_000).describe("Zero-based page number"))
                .query("pagesize", Field.integer(1, LARGEST_SIZE).describe("Items per page; " + DEFAULT_SIZE
                        + " unless given"));
    }

    public static Request of(ApiRequest req) {
        Integer page = req.queryInt("page");
        Integer size = req.queryInt("pagesize");
        return new Request(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** The answer: the page's items under {@code itemsName}, with the paging fields. */
    public static Map<String, Object> answer(ApiRequest req, Request paging, long total, String itemsName,
                                             List<?> items) {
        if (paging.page() > 0 && paging.offset() >= total) {
            throw ApiException.validation("page", "is past the last page of " + total + " results");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uri", uri(req, paging.page(), paging.pageSize()));
        body.put("firstpageuri", uri(req, 0, paging.pageSize()));
        boolean more = (long) paging.offset() + items.size() < total;
        body.put("nextpageuri", more ? uri(req, paging.page() + 1, paging.pageSize()) : null);
        body.put("previouspageuri", paging.page() > 0 ? uri(req, paging.page() - 1, paging.pageSize()) : null);
        body.put("page", paging.page());
        body.put("pagesize", paging.pageSize());
        body.put("totalResults", total);
        body.put(itemsName, items);
        return body;
    }

    private static String uri(ApiRequest req, int page, int size) {
        Map<String, String> query = new TreeMap<>(req.queryParameters());
        query.put("page", String.valueOf(page));
        query.put("pagesize", String.valueOf(size));
        StringBuilder uri = new StringBuilder(req.requestPath()).append('?');
        query.forEach((name, value) -> uri.append(encode(name)).append('=').append(encode(value)).append('&'));
        return uri.substring(0, uri.length() - 1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private RallyPage() {}
}

package org.civicast.platform.db;

import java.net.URI;

/** Where the database is and how to log in, whichever form the operator wrote it in. */
public record DatabaseAddress(String jdbcUrl, String user, String password) {

    /**
     * Accepts {@code jdbc:postgresql://…} as is, and the {@code postgres://user:pass@host:port/db}
     * form that hosting providers hand out, which PgJDBC does not read.
     */
    public static DatabaseAddress parse(String url, String user, String password) {
        if (url.startsWith("jdbc:")) {
            return new DatabaseAddress(url, user, password);
        }
        URI uri = URI.create(url);
        String userInfo = uri.getRawUserInfo();
        String parsedUser = user;
        String parsedPassword = password;
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            if (parsedUser == null) parsedUser = decode(parts[0]);
            if (parsedPassword == null && parts.length == 2) parsedPassword = decode(parts[1]);
        }
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseAddress("jdbc:postgresql://" + host + uri.getRawPath() + query, parsedUser, parsedPassword);
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}

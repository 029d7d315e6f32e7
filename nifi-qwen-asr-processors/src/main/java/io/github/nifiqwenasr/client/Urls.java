/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.client;

import okhttp3.HttpUrl;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/** URL checks and the one way URLs are shown in messages, logs and provenance. */
public final class Urls {

    private Urls() {
    }

    /**
     * The URL without user info, query or fragment: pre-signed URLs carry their signature in the query, and a user
     * may have put credentials in the authority, so neither is ever shown.
     */
    public static String redact(final HttpUrl url) {
        final String path = url.encodedPath();
        return url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port()) + path;
    }

    /** {@link #redact(HttpUrl)} for any string; URLs OkHttp cannot parse (such as {@code oss://}) keep scheme and path. */
    public static String redact(final String url) {
        if (url == null) {
            return "";
        }
        final HttpUrl parsed = HttpUrl.parse(url);
        if (parsed != null) {
            return redact(parsed);
        }
        final int schemeEnd = url.indexOf("://");
        String rest = schemeEnd < 0 ? url : url.substring(schemeEnd + 3);
        final int at = rest.indexOf('@');
        final int slash = rest.indexOf('/');
        if (at >= 0 && (slash < 0 || at < slash)) {
            rest = rest.substring(at + 1);
        }
        final int query = indexOfAny(rest, '?', '#');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        return (schemeEnd < 0 ? "" : url.substring(0, schemeEnd + 3)) + rest;
    }

    /** True for localhost and literal loopback addresses (127.0.0.0/8, ::1); no name resolution happens. */
    public static boolean isLoopbackHost(final String host) {
        final String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return true;
        }
        final InetAddress address = literalAddress(lower);
        return address != null && address.isLoopbackAddress();
    }

    /** The address a literal IPv4 or IPv6 host stands for, or null for a host name; no name resolution happens. */
    private static InetAddress literalAddress(final String host) {
        final String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        final boolean literal = bare.matches("[0-9.]+") || bare.contains(":");
        if (!literal) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (final Exception e) {
            return null;
        }
    }

    /**
     * True for a literal IP address outside the loopback, private (RFC 1918, IPv6 unique local fc00::/7), link-local
     * and unspecified ranges: an address on the internet. Host names are never public here, since telling would need
     * name resolution.
     */
    public static boolean isPublicAddress(final String host) {
        final InetAddress address = literalAddress(host);
        if (address == null) {
            return false;
        }
        final boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xFE) == 0xFC;
        return !(address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || uniqueLocal);
    }

    /** Plain http is allowed only to loopback hosts: anything else could be read on the way. */
    public static boolean isSecureOrLoopback(final HttpUrl url) {
        return url.isHttps() || isLoopbackHost(url.host());
    }

    private static int indexOfAny(final String s, final char a, final char b) {
        final int i = s.indexOf(a);
        final int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}

package dev.cartwright.examples.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies (a load balancer, an ingress, the shop's own edge) whose forwarding headers are believed: a
 * request's client is the socket's peer unless the peer is one of them, and then the nearest address in
 * {@code X-Forwarded-For}, read from the right, that is not one of them; the request came over TLS if the last
 * {@code X-Forwarded-Proto} a trusted peer sent says {@code https}. Anyone else's forwarding headers are ignored, so a
 * client cannot choose the address its login attempts are counted against. Addresses are only ever read as literals:
 * nothing here asks DNS. Immutable.
 *
 * @param blocks the addresses and blocks trusted, none by default
 */
public record TrustedProxies(List<AddressBlock> blocks) {

    /**
     * One address ({@code 10.0.0.5}, {@code ::1}) or block of addresses in CIDR notation ({@code 10.0.0.0/8},
     * {@code fd00::/8}).
     *
     * @param network its first address
     * @param prefixLength how many leading bits an address shares with it to be in the block
     */
    public record AddressBlock(InetAddress network, int prefixLength) {

        /** Checks the prefix against the address's length. */
        public AddressBlock {
            Objects.requireNonNull(network, "network");
            int bits = network.getAddress().length * 8;
            if (prefixLength < 0 || prefixLength > bits) {
                throw new IllegalArgumentException("a prefix of " + network.getHostAddress() + " is 0 to " + bits
                        + " bits, not " + prefixLength);
            }
        }

        /**
         * @param text an address or {@code address/prefix}
         * @return the block it names
         * @throws IllegalArgumentException if it is neither
         */
        public static AddressBlock parse(String text) {
            String trimmed = text.trim();
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            InetAddress network = literal(address).orElseThrow(() ->
                    new IllegalArgumentException("not an IP address or CIDR block: " + text));
            if (slash < 0) {
                return new AddressBlock(network, network.getAddress().length * 8);
            }
            try {
                return new AddressBlock(network, Integer.parseInt(trimmed.substring(slash + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP address or CIDR block: " + text, e);
            }
        }

        /** @return whether the address is in this block; an IPv4 address is never in an IPv6 block, nor the reverse */
        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            byte[] first = network.getAddress();
            if (candidate.length != first.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != first[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (candidate[whole] & mask) == (first[whole] & mask);
        }
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}):\\d{1,5}");
    /** Starts with a hex digit or a colon and holds a colon: the JDK reads such a string as an IPv6 literal only. */
    private static final Pattern IPV6 = Pattern.compile("(?=[^:]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)](:\\d{1,5})?");

    /** Copies the blocks. */
    public TrustedProxies {
        blocks = List.copyOf(blocks);
    }

    /** @return no trusted proxies: every peer is the client */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * @param entries addresses and CIDR blocks
     * @return proxies trusted at those addresses
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies of(Collection<String> entries) {
        return new TrustedProxies(entries.stream().map(AddressBlock::parse).toList());
    }

    /**
     * @param list addresses and CIDR blocks, comma-separated, as in {@code TRUSTED_PROXIES}; blank for none
     * @return proxies trusted at those addresses
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return none();
        }
        return of(Arrays.stream(list.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).toList());
    }

    /**
     * @param more addresses and CIDR blocks to trust as well
     * @return these proxies and those
     */
    public TrustedProxies and(Collection<String> more) {
        List<AddressBlock> all = new ArrayList<>(blocks);
        all.addAll(of(more).blocks());
        return new TrustedProxies(all);
    }

    /** @return whether none are trusted */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /**
     * @param address an address literal, such as a socket's peer
     * @return whether it is one of the proxies; {@code false} for anything that is not an address
     */
    public boolean trusts(String address) {
        return literal(address).map(this::trusts).orElse(false);
    }

    private boolean trusts(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    /**
     * @param peer the address the request's connection came from
     * @param forwardedFor the values of its {@code X-Forwarded-For} headers, in the order received
     * @return the client's address: the peer if it is not a trusted proxy; otherwise the rightmost address of the
     *     chain that is not one, or the leftmost that could be read if every one is (an entry that is not an address
     *     ends the reading there)
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (blocks.isEmpty()) {
            return peer;
        }
        Optional<InetAddress> peerAddress = literal(peer);
        if (peerAddress.isEmpty() || !trusts(peerAddress.get())) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(value -> Arrays.stream(value.split(",")).map(String::trim).forEach(hops::add));
        InetAddress client = peerAddress.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!trusts(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    /**
     * @param peer the address the request's connection came from
     * @param forwardedProto the values of its {@code X-Forwarded-Proto} headers, in the order received
     * @return whether a trusted peer says the request reached it over TLS: the last value is the peer's own
     */
    public boolean forwardedOverTls(String peer, List<String> forwardedProto) {
        if (blocks.isEmpty() || forwardedProto.isEmpty() || !trusts(peer)) {
            return false;
        }
        String[] last = forwardedProto.get(forwardedProto.size() - 1).split(",");
        return last[last.length - 1].trim().equalsIgnoreCase("https");
    }

    /**
     * Reads an address literal, with or without a port ({@code 192.0.2.1:443}, {@code [2001:db8::1]:443}), never
     * asking DNS: a name, a zone index or anything malformed is empty.
     */
    static Optional<InetAddress> literal(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        String candidate = text.trim();
        var bracketed = BRACKETED_IPV6.matcher(candidate);
        if (bracketed.matches()) {
            candidate = bracketed.group(1);
        } else {
            var withPort = IPV4_WITH_PORT.matcher(candidate);
            if (withPort.matches()) {
                candidate = withPort.group(1);
            }
        }
        if (IPV4.matcher(candidate).matches()) {
            return ipv4(candidate);
        }
        if (IPV6.matcher(candidate).matches()) {
            try {
                // A string with a colon is only ever read as an IPv6 literal: this cannot reach DNS.
                return Optional.of(InetAddress.getByName(candidate));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> ipv4(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255 || parts[i].length() > 1 && parts[i].startsWith("0")) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
